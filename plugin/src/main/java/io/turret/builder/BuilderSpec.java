package io.turret.builder;

import io.turret.config.Configured;
import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * One builder: a container from {@code image} that gets the {@code sources} under
 * {@code workingDirectory}, runs {@code script} with {@code sh -ec} there, and hands back the
 * content of its {@code outputs}. {@code caches} are paths kept between runs in named volumes;
 * {@code network} is {@code none} unless the script must download. A script still running after
 * {@code timeout} is stopped and fails.
 *
 * <p>It runs once per released platform, with {@code TARGETPLATFORM}, {@code TARGETOS}, {@code TARGETARCH} and
 * {@code TARGETVARIANT} in its environment (buildx's names), unless {@code platformIndependent}: then it runs
 * once, without them, and its outputs serve every platform.
 */
public record BuilderSpec(String name, String image, List<String> sources, String workingDirectory, String script,
        Map<String, String> environment, List<String> outputs, List<String> caches, String network,
        List<String> excludes, Duration timeout, boolean platformIndependent) implements Script {

    public static final String DEFAULT_WORKING_DIRECTORY = "/workspace";
    public static final String DEFAULT_NETWORK = "none";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public BuilderSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserFailure("<builders><builder><name>" + name + "</name>: a builder's name must be lower-case letters,"
                    + " digits, '.', '_' or '-' (it names folders and containers); for example <name>go</name>.");
        }
        String where = "<builder> '" + name + "': ";
        if (image == null || image.isBlank()) {
            throw new UserFailure(where + "<image> is missing; name the builder image, e.g. <image>golang:1.22</image>.");
        }
        if (script == null || script.isBlank()) {
            throw new UserFailure(where + "<script> is empty; give the commands that compile and test, e.g. <script>go test ./...</script>.");
        }
        sources = Configured.list(sources);
        environment = Configured.map(environment);
        outputs = Configured.list(outputs);
        caches = Configured.list(caches);
        excludes = Configured.list(excludes);
        workingDirectory = workingDirectory == null || workingDirectory.isBlank() ? DEFAULT_WORKING_DIRECTORY : workingDirectory.strip();
        network = network == null || network.isBlank() ? DEFAULT_NETWORK : network.strip();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        requirePositive(where, timeout);
        requireAbsolute(where, "workingDirectory", List.of(workingDirectory));
        requireAbsolute(where, "output", outputs);
        requireAbsolute(where, "cache", caches);
        if (sources.isEmpty()) {
            throw new UserFailure(where + "<sources> is empty; name at least one project folder, e.g. <sources><source>src</source></sources>.");
        }
        requireInsideProject(where, sources);
    }

    /** A builder whose outputs depend on the platform. */
    public BuilderSpec(String name, String image, List<String> sources, String workingDirectory, String script,
            Map<String, String> environment, List<String> outputs, List<String> caches, String network, List<String> excludes,
            Duration timeout) {
        this(name, image, sources, workingDirectory, script, environment, outputs, caches, network, excludes, timeout, false);
    }

    /**
     * This builder's run for {@code platform}: the target variables in its environment (over any of the same name)
     * and, when {@code several} platforms are built, its name (so its folder, log, report and reuse key) made
     * {@code NAME.OS-ARCH[-VARIANT]}. A platform-independent builder is returned as it is.
     */
    public BuilderSpec forPlatform(Platform platform, boolean several) {
        if (platformIndependent) {
            return this;
        }
        Map<String, String> targeted = new LinkedHashMap<>(environment);
        targeted.putAll(targetVariables(platform));
        return new BuilderSpec(several ? platformName(name, platform) : name, image, sources, workingDirectory, script, targeted,
                outputs, caches, network, excludes, timeout, false);
    }

    /** The name of a builder's run for one of several platforms, and of its output folder: {@code go.linux-arm64}. */
    public static String platformName(String builder, Platform platform) {
        return builder + "." + ReleasePlatforms.folder(platform);
    }

    /** buildx's names: {@code TARGETPLATFORM=linux/arm64/v8}, {@code TARGETOS}, {@code TARGETARCH}, {@code TARGETVARIANT} (empty when none). */
    public static Map<String, String> targetVariables(Platform platform) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("TARGETPLATFORM", platform.toString());
        variables.put("TARGETOS", platform.os());
        variables.put("TARGETARCH", platform.architecture());
        variables.put("TARGETVARIANT", platform.variant().orElse(""));
        return variables;
    }

    /** A builder with the default timeout. */
    public BuilderSpec(String name, String image, List<String> sources, String workingDirectory, String script,
            Map<String, String> environment, List<String> outputs, List<String> caches, String network, List<String> excludes) {
        this(name, image, sources, workingDirectory, script, environment, outputs, caches, network, excludes, null);
    }

    @Override
    public String element() {
        return "builder";
    }

    /** Reads {@code <timeout>}, in seconds; null for the default. */
    public static Duration timeout(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    /** Refuses a timeout that is not a positive number of seconds; {@code where} names the element. */
    public static void requirePositive(String where, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UserFailure(where + "<timeout>" + timeout.toSeconds() + "</timeout> must be a positive number of seconds;"
                    + " leave it out for the default of " + DEFAULT_TIMEOUT.toMinutes() + " minutes.");
        }
    }

    /** Refuses a source folder that is not a relative path inside the project. */
    public static void requireInsideProject(String where, List<String> sources) {
        for (String source : sources) {
            if (source == null || source.isBlank() || source.startsWith("/") || source.contains("..")) {
                throw new UserFailure(where + "<source>" + source + "</source> must be a folder inside the project, relative to it"
                        + " (no leading '/', no '..'), e.g. <source>src</source>.");
            }
        }
    }

    /** Refuses a path that is not absolute in the container. */
    public static void requireAbsolute(String where, String tag, List<String> paths) {
        for (String path : paths) {
            if (path == null || !path.startsWith("/")) {
                throw new UserFailure(where + "<" + tag + ">" + path + "</" + tag + "> is not an absolute path in the container;"
                        + " write it as /" + (path == null ? "" : path.replaceAll("^\\./", "")) + ".");
            }
        }
    }
}
