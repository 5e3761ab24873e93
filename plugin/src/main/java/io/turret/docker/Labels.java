package io.turret.docker;

import java.util.Map;

/** The labels on everything Turret makes in the engine, so it can find and remove it. */
public final class Labels {
    public static final String RUN = "io.turret.run";
    public static final String PROJECT = "io.turret.project";
    public static final String ROLE = "io.turret.role";

    private Labels() {
    }

    /** The labels of something that belongs to one run and is removed at its end. */
    public static Map<String, String> ofRun(String runId, String project, String role) {
        return Map.of(RUN, runId, PROJECT, project, ROLE, role);
    }

    /** The labels of something a project keeps between runs (a build cache volume). */
    public static Map<String, String> ofProject(String project, String role) {
        return Map.of(PROJECT, project, ROLE, role);
    }
}
