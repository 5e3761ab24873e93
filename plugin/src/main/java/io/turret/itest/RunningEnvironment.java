package io.turret.itest;

import static io.turret.files.JsonFiles.JSON;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A test environment that is up: its run, network and containers, the Maven process that started
 * it, and whether that process handed it over to later Maven runs. Saved as
 * {@code target/turret/environment.json} so that turret:stop in another Maven run finds it.
 *
 * @param owner the Maven process that started it; null in a file of an older Turret
 * @param handedOverBy {@link #BY_START} or {@link #BY_KEEP} once it is meant to outlive its Maven
 *     run; null while its Maven run is to stop it (a run killed then leaves it abandoned)
 */
public record RunningEnvironment(String runId, String project, String networkId, String networkName,
        List<Started> containers, Owner owner, String handedOverBy) {
    /** turret:start left it up for turret:integration-test, Failsafe and turret:stop in later Maven runs. */
    public static final String BY_START = "turret:start";
    /** turret.keep left it up for debugging after its tests ran; only turret:stop takes it. */
    public static final String BY_KEEP = "turret.keep";

    public RunningEnvironment {
        containers = List.copyOf(containers);
    }

    /** Where an environment in the state file stands for the run that finds it. */
    public enum Standing {
        /** started by this very Maven process (turret:start earlier in this run) */
        OURS,
        /** handed over by a Maven run before */
        HANDED_OVER,
        /** another Maven process still alive is using it */
        IN_USE,
        /** its Maven run is gone without stopping it (killed): remove it */
        ABANDONED
    }

    public Standing standing(Liveness liveness, Instant saved) {
        if (owner != null && owner.equals(liveness.self())) {
            return Standing.OURS;
        }
        if (handedOverBy != null) {
            return Standing.HANDED_OVER;
        }
        if (owner == null) {
            return Standing.ABANDONED; // an older Turret's file: whoever left it, it is stopped, never used
        }
        return liveness.gone(Optional.of(owner), saved) ? Standing.ABANDONED : Standing.IN_USE;
    }

    /**
     * Whether a run of {@code self} may run its tests against it (when it is also current): one
     * this very process started, or one turret:start handed over; never one whose tests already ran.
     */
    public boolean reusableBy(Owner self) {
        return self.equals(owner) || BY_START.equals(handedOverBy);
    }

    /** The same environment, handed over by {@code by}. */
    public RunningEnvironment handedOver(String by) {
        return new RunningEnvironment(runId, project, networkId, networkName, containers, owner, by);
    }

    /** Whether {@code stateFile} records the environment of {@code runId} as handed over; false when it cannot be read. */
    public static boolean holds(Path stateFile, String runId) {
        try {
            return load(stateFile).filter(environment -> environment.runId().equals(runId))
                    .map(environment -> environment.handedOverBy() != null).orElse(false);
        } catch (EnvironmentFailure unreadable) {
            return false;
        }
    }

    /** When the state file was last written: how old the environment is, for an owner whose life cannot be checked. */
    public static Instant saved(Path stateFile) {
        try {
            return Files.getLastModifiedTime(stateFile).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
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
            throw new EnvironmentFailure("cannot read " + file + " (" + Causes.describe(e) + "); remove it, and the containers"
                    + " labelled io.turret.project with docker rm -f.", e);
        }
    }
}
