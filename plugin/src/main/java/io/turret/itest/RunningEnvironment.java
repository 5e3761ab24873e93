package io.turret.itest;

import static io.turret.files.JsonFiles.JSON;

import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A test environment that is up: its run, network and containers. Saved as
 * {@code target/turret/environment.json} so that turret:stop in another Maven run finds it.
 */
public record RunningEnvironment(String runId, String project, String networkId, String networkName,
        List<Started> containers) {
    public RunningEnvironment {
        containers = List.copyOf(containers);
    }

    /**
     * One container that is up.
     *
     * @param firstPort its first published container port, or null
     * @param hostPort the port of 127.0.0.1 {@code firstPort} is published on, or null
     */
    public record Started(String name, String id, String alias, String image, String service, Integer firstPort,
            Integer hostPort) {
    }

    /** What turret:start publishes for Failsafe: {@code turret.NAME.host}, {@code .port}, {@code .url}. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Started container : containers) {
            if (container.hostPort() != null) {
                String prefix = "turret." + container.name() + ".";
                properties.put(prefix + "host", "127.0.0.1");
                properties.put(prefix + "port", String.valueOf(container.hostPort()));
                properties.put(prefix + "url", "http://127.0.0.1:" + container.hostPort());
            }
        }
        return properties;
    }

    /** What every runner gets: {@code TURRET_NAME_HOST} (its alias), {@code _PORT}, {@code _URL}, on the test network. */
    public Map<String, String> runnerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Started container : containers) {
            String prefix = "TURRET_" + container.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
            environment.put(prefix + "HOST", container.alias());
            if (container.firstPort() != null) {
                environment.put(prefix + "PORT", String.valueOf(container.firstPort()));
                environment.put(prefix + "URL", "http://" + container.alias() + ":" + container.firstPort());
            }
        }
        return environment;
    }

    public void save(Path file) {
        JsonFiles.write(file, this);
    }

    public static Optional<RunningEnvironment> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunningEnvironment.class));
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + e.getMessage() + "); remove it, and the containers"
                    + " labelled io.turret.project with docker rm -f.", e);
        }
    }
}
