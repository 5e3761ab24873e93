package io.turret.image;

import io.turret.config.Configured;
import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import java.util.Collections;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service: the image Turret assembles for it, and what that image runs.
 *
 * @param platformBases the base of a platform's image, by the platform's folder name ({@code linux-arm64}), over {@code base}
 */
public record ServiceSpec(String name, BaseImage base, List<LayerSpec> layers, List<String> entrypoint, List<String> cmd,
        Map<String, String> environment, List<String> ports, String user, String workingDirectory,
        Map<String, String> labels, Map<String, BaseImage> platformBases) {

    /** A service of one base for every platform. */
    public ServiceSpec(String name, BaseImage base, List<LayerSpec> layers, List<String> entrypoint, List<String> cmd,
            Map<String, String> environment, List<String> ports, String user, String workingDirectory,
            Map<String, String> labels) {
        this(name, base, layers, entrypoint, cmd, environment, ports, user, workingDirectory, labels, Map.of());
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp))?");

    public ServiceSpec {
        requireName(name);
        layers = List.copyOf(layers);
        entrypoint = Configured.list(entrypoint);
        cmd = Configured.list(cmd);
        environment = Configured.map(environment);
        ports = Configured.list(ports).stream().map(String::strip).toList();
        labels = Configured.map(labels);
        platformBases = platformBases == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(platformBases));
        user = user == null || user.isBlank() ? null : user.strip();
        workingDirectory = workingDirectory == null || workingDirectory.isBlank() ? null : workingDirectory.strip();
        String where = where(name);
        for (String platform : platformBases.keySet()) {
            try {
                Platform.parse(platform.replace('-', '/'));
            } catch (IllegalArgumentException e) {
                throw new UserFailure(where + "<platformBases><" + platform + "> does not name a platform; name it as its"
                        + " folder is named, OS-ARCHITECTURE[-VARIANT], e.g. <linux-arm64>.");
            }
        }
        for (String port : ports) {
            requirePort(where, port);
        }
        if (workingDirectory != null && !workingDirectory.startsWith("/")) {
            throw new UserFailure(where + "<workingDirectory>" + workingDirectory + "</workingDirectory> must be an"
                    + " absolute path in the image, e.g. <workingDirectory>/app</workingDirectory>.");
        }
    }

    /** The base of the image for {@code platform}: its {@code <platformBases>} entry, else {@code <base>}. */
    public BaseImage base(Platform platform) {
        return platformBases.getOrDefault(ReleasePlatforms.folder(platform), base);
    }

    /** The repository, under the namespace, where Turret keeps the journals of releases. */
    public static final String RESERVED = "turret-releases";

    /** Checks a configured {@code <name>} before anything else of the service is read. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > 63) {
            throw new UserFailure("<services><service><name>" + name + "</name>: a service's name must be lower-case"
                    + " letters and digits, parts joined by '.', '_' or '-' (it names the image); e.g. <name>api</name>.");
        }
        if (name.equals(RESERVED)) {
            throw new UserFailure("<services><service><name>" + RESERVED + "</name>: that repository holds Turret's release"
                    + " journals; give the service another name.");
        }
        return name;
    }

    /** The prefix of every message about this service. */
    public static String where(String name) {
        return "<service> '" + name + "': ";
    }

    private static void requirePort(String where, String port) {
        Matcher matcher = PORT.matcher(port);
        if (!matcher.matches() || !inRange(matcher.group(1)) || (matcher.group(2) != null && !inRange(matcher.group(2)))) {
            throw new UserFailure(where + "<port>" + port + "</port> is not a port number (1-65535, optionally /tcp or"
                    + " /udp); write e.g. <port>8080</port> or <port>53/udp</port>.");
        }
    }

    private static boolean inRange(String digits) {
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }
}
