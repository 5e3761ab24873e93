package io.turret.itest;

import io.turret.config.Configured;
import io.turret.failure.UserFailure;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One container of the test environment: a service's assembled image ({@code service}) or any
 * image ({@code image}), reached by the others as {@code alias} on the run's network.
 *
 * @param command the image's own when empty
 * @param ports container ports (TCP) published on free ports of 127.0.0.1
 * @param dependsOn containers that must be up before this one starts
 */
public record TestContainerSpec(String name, String service, String image, List<String> command,
        Map<String, String> environment, String alias, List<Integer> ports, WaitStrategy readiness, Duration timeout,
        List<String> dependsOn) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public TestContainerSpec {
        service = blankToNull(service);
        image = blankToNull(image);
        name = blankToNull(name) == null ? service : name.strip();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserFailure("<testContainers><container><name>" + name + "</name>: a test container needs a name of"
                    + " lower-case letters, digits, '.', '_' or '-' (or a <service>, whose name it takes).");
        }
        String where = where(name);
        if ((service == null) == (image == null)) {
            throw new UserFailure(where + "give exactly one of <service> (one of the <services>, as turret:assemble made it)"
                    + " and <image> (any image in the engine).");
        }
        command = Configured.list(command);
        environment = Configured.map(environment);
        alias = blankToNull(alias) == null ? name : alias.strip();
        ports = List.copyOf(ports);
        Set<Integer> listed = new HashSet<>();
        for (Integer port : ports) {
            if (!listed.add(port)) {
                throw new UserFailure(where + "<ports> lists <port>" + port + "</port> twice; list each port once.");
            }
        }
        readiness = readiness == null ? WaitStrategy.running() : readiness;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        dependsOn = Configured.list(dependsOn);
    }

    public static String where(String name) {
        return "<container> '" + name + "': ";
    }

    /** The first published port: the one {@code turret.NAME.port} and {@code turret.NAME.url} name. */
    public Integer firstPort() {
        return ports.isEmpty() ? null : ports.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
