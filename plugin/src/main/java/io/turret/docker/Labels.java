package io.turret.docker;

import io.turret.run.Owner;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The labels on everything Turret makes in the engine, so it can find and remove it. */
public final class Labels {
    public static final String RUN = "io.turret.run";
    public static final String PROJECT = "io.turret.project";
    public static final String ROLE = "io.turret.role";
    /** The run's owner: the host, process id and process start of the Maven that made it. */
    public static final String OWNER_HOST = "io.turret.owner.host";
    public static final String OWNER_PID = "io.turret.owner.pid";
    public static final String OWNER_STARTED = "io.turret.owner.started";
    /** A test environment's state file: while it records the environment as handed over, the environment is alive. */
    public static final String STATE = "io.turret.state";

    private Labels() {
    }

    /** The labels of something that belongs to one run, of {@code owner}'s process, and is removed at its end. */
    public static Map<String, String> ofRun(String runId, String project, String role, Owner owner) {
        Map<String, String> labels = new HashMap<>(Map.of(RUN, runId, PROJECT, project, ROLE, role));
        labels.put(OWNER_HOST, owner.host());
        labels.put(OWNER_PID, String.valueOf(owner.pid()));
        labels.put(OWNER_STARTED, String.valueOf(owner.started()));
        return Map.copyOf(labels);
    }

    /** The labels of something a project keeps between runs (a build cache volume). */
    public static Map<String, String> ofProject(String project, String role) {
        return Map.of(PROJECT, project, ROLE, role);
    }

    /** The owner these labels name; empty when they name none (made by an older Turret) or a malformed one. */
    public static Optional<Owner> owner(Map<String, String> labels) {
        String host = labels.get(OWNER_HOST);
        try {
            return host == null ? Optional.empty() : Optional.of(new Owner(host, Long.parseLong(labels.get(OWNER_PID)),
                    Long.parseLong(labels.getOrDefault(OWNER_STARTED, "0"))));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }
}
