package io.turret.docker;

import io.turret.failure.Causes;
import io.turret.report.Log;
import io.turret.run.Owner;
import io.turret.run.ScratchFolders;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What one run makes: containers, labelled with the run, the project and the run's owner (this
 * Maven process), and a scratch folder. Both are removed when the run closes, also on Ctrl-C (a
 * shutdown hook). When the JVM was killed, the next run of the project removes them: a run opens
 * by removing what runs that are gone left behind ({@link Leftovers}), never what a live run uses.
 */
public final class RunResources implements AutoCloseable {
    private static final long SCRIPTS_TELL_SECONDS = 5;

    private final DockerAccess docker;
    private final String runId;
    private final String project;
    private final Owner owner;
    private final Path scratch;
    private final Log log;
    private final Set<String> containers = new LinkedHashSet<>();
    private final Thread shutdownHook = new Thread(this::removeAllThenLetScriptsTell, "turret-cleanup");
    /** Scripts being followed to their end now, whose end the shutdown hook lets them tell. */
    private int following;

    private RunResources(DockerAccess docker, String runId, String project, Owner owner, Path scratch, Log log) {
        this.docker = docker;
        this.runId = runId;
        this.project = project;
        this.owner = owner;
        this.scratch = scratch;
        this.log = log;
    }

    /**
     * Opens a run: first removes the containers and networks of {@code project} that
     * {@code leftovers} finds abandoned, and the scratch folders under {@code scratchFolders} of
     * runs that are gone; then makes this run's scratch folder.
     */
    public static RunResources open(DockerAccess docker, String runId, String project, Leftovers leftovers,
            ScratchFolders scratchFolders, Log log) {
        removeAbandoned(docker, project, leftovers, log);
        RunResources run = new RunResources(docker, runId, project, leftovers.self(), scratchFolders.open(runId), log);
        Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        return run;
    }

    private static void removeAbandoned(DockerAccess docker, String project, Leftovers leftovers, Log log) {
        Map<String, String> ofProject = Map.of(Labels.PROJECT, project);
        List<String> containers = docker.containersLabelled(ofProject).stream().filter(leftovers::abandoned)
                .map(Labelled::id).toList();
        containers.forEach(docker::removeContainer);
        List<String> networks = docker.networksLabelled(ofProject).stream().filter(leftovers::abandoned)
                .map(Labelled::id).toList();
        networks.forEach(docker::removeNetwork);
        if (!containers.isEmpty() || !networks.isEmpty()) {
            log.info("Removed " + containers.size() + " container(s) and " + networks.size() + " network(s) of " + project
                    + " that runs which are gone (killed, or ended without cleaning up) left behind");
        }
    }

    public String runId() {
        return runId;
    }

    public String project() {
        return project;
    }

    /** The Maven process this run belongs to. */
    public Owner owner() {
        return owner;
    }

    /** This run's scratch folder, removed when it closes. */
    public Path scratch() {
        return scratch;
    }

    /**
     * Whether this JVM is shutting down (Ctrl-C, a SIGTERM of Maven): its shutdown hooks, this
     * run's among them, are removing what the run made, so a container that ends now was stopped.
     */
    public static boolean stopping() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    public Map<String, String> labels(String role) {
        return Labels.ofRun(runId, project, role, owner);
    }

    /** Creates a container that this run will remove. */
    public String createContainer(ContainerSpec spec) {
        String id = docker.createContainer(spec);
        synchronized (containers) {
            containers.add(id);
        }
        return id;
    }

    /** Creates, as {@code user}, a container that this run will remove; empty when its name is taken ({@link DockerAccess#createContainerOnce}). */
    public Optional<String> createContainerOnce(ContainerSpec spec, String user) {
        Optional<String> id = docker.createContainerOnce(spec, user);
        id.ifPresent(created -> {
            synchronized (containers) {
                containers.add(created);
            }
        });
        return id;
    }

    public void removeContainer(String id) {
        docker.removeContainer(id);
        synchronized (containers) {
            containers.remove(id);
        }
    }

    /**
     * Follows a script to its end with {@code follow}. A Ctrl-C meanwhile ends the script (the
     * shutdown hook removes its container); the hook then waits a moment for {@code follow} to
     * return, so that the script is told as interrupted before the JVM exits.
     */
    public <T> T followed(Supplier<T> follow) {
        synchronized (this) {
            following++;
        }
        try {
            return follow.get();
        } finally {
            synchronized (this) {
                following--;
                notifyAll();
            }
        }
    }

    private void removeAllThenLetScriptsTell() {
        removeAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SCRIPTS_TELL_SECONDS);
        synchronized (this) {
            try {
                while (following > 0 && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                log.warn("Could not remove container " + id + ": " + Causes.describe(e));
            }
        }
        try {
            ScratchFolders.remove(scratch);
        } catch (RuntimeException e) {
            log.warn(Causes.describe(e));
        }
    }
}
