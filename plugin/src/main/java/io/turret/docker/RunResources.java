package io.turret.docker;

import io.turret.report.Log;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The containers one run made: labelled with the run and the project, removed when the run
 * closes, also on Ctrl-C (a shutdown hook), and, when the JVM was killed, by the next run of the
 * same project, which removes what is labelled with the project and older than itself.
 */
public final class RunResources implements AutoCloseable {
    private final DockerAccess docker;
    private final String runId;
    private final String project;
    private final Instant started;
    private final Log log;
    private final Set<String> containers = new LinkedHashSet<>();
    private final Thread shutdownHook = new Thread(this::removeAll, "turret-cleanup");

    private RunResources(DockerAccess docker, String runId, String project, Instant started, Log log) {
        this.docker = docker;
        this.runId = runId;
        this.project = project;
        this.started = started;
        this.log = log;
    }

    /** Opens a run: first removes what killed runs of this project left behind. */
    public static RunResources open(DockerAccess docker, String runId, String project, Log log) {
        return open(docker, runId, project, log, Set.of());
    }

    /**
     * Opens a run: first removes the containers and networks of this project that are older than
     * this run, except those of {@code spareRuns} (a test environment that turret:start left up on purpose).
     */
    public static RunResources open(DockerAccess docker, String runId, String project, Log log, Set<String> spareRuns) {
        Instant started = Instant.now();
        RunResources run = new RunResources(docker, runId, project, started, log);
        Set<String> spared = new HashSet<>();
        for (String spare : spareRuns) {
            spared.addAll(docker.containersLabelled(Map.of(Labels.RUN, spare), started));
            spared.addAll(docker.networksLabelled(Map.of(Labels.RUN, spare), started));
        }
        List<String> leftovers = docker.containersLabelled(Map.of(Labels.PROJECT, project), started).stream()
                .filter(id -> !spared.contains(id)).toList();
        leftovers.forEach(docker::removeContainer);
        List<String> networks = docker.networksLabelled(Map.of(Labels.PROJECT, project), started).stream()
                .filter(id -> !spared.contains(id)).toList();
        networks.forEach(docker::removeNetwork);
        if (!leftovers.isEmpty() || !networks.isEmpty()) {
            log.info("Removed " + leftovers.size() + " container(s) and " + networks.size() + " network(s) that an earlier,"
                    + " interrupted run of " + project + " left behind");
        }
        Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        return run;
    }

    public String runId() {
        return runId;
    }

    public String project() {
        return project;
    }

    public Map<String, String> labels(String role) {
        return Labels.ofRun(runId, project, role);
    }

    /** Creates a container that this run will remove. */
    public String createContainer(ContainerSpec spec) {
        String id = docker.createContainer(spec);
        synchronized (containers) {
            containers.add(id);
        }
        return id;
    }

    public void removeContainer(String id) {
        docker.removeContainer(id);
        synchronized (containers) {
            containers.remove(id);
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it removes what is left
        }
    }

    private void removeAll() {
        List<String> left;
        synchronized (containers) {
            left = List.copyOf(containers);
        }
        for (String id : left) {
            try {
                removeContainer(id);
            } catch (RuntimeException e) {
                log.warn("Could not remove container " + id + ": " + e.getMessage());
            }
        }
    }
}
