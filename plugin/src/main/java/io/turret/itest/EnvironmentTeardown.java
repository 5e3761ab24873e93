package io.turret.itest;

import io.turret.failure.Causes;
import io.turret.report.Log;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The test environment going down on a thread of its own once the runners ended, so that what
 * comes after the verdict (the push) does not wait for its containers and network to be removed.
 * Whoever starts it waits for it: {@link #await}, {@link #awaitAfter} and {@link #alongside}
 * return only once it ended, so a goal never ends with the environment up. On Ctrl-C meanwhile,
 * the environment's shutdown hook stops it too: the hook is removed only once the teardown ended,
 * and removing a container or network twice is harmless.
 */
public final class EnvironmentTeardown {
    private final RunningEnvironment environment;
    private final Thread thread;
    private volatile RuntimeException failure;

    private EnvironmentTeardown(RunningEnvironment environment, Runnable stop) {
        this.environment = environment;
        this.thread = new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "turret-environment-down");
    }

    /**
     * Starts taking {@code running} down: every container's log kept in {@code logs}, containers
     * and network removed, {@code stateFile} deleted; then {@code stopOnExit} is removed.
     */
    public static EnvironmentTeardown start(TestEnvironment environment, RunningEnvironment running, Path stateFile, Path logs,
            StopOnExit stopOnExit) {
        EnvironmentTeardown teardown = new EnvironmentTeardown(running, () -> environment.remove(running, stateFile, logs,
                stopOnExit));
        teardown.thread.start();
        return teardown;
    }

    /** Waits for the environment to be down; throws what made the teardown fail. */
    public void await() {
        join();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits for the environment to be down after {@code cause} ended the run early: a teardown
     * failure is added to {@code cause} as suppressed, and said in one warning.
     */
    public void awaitAfter(Throwable cause, Log log) {
        join();
        if (failure != null) {
            cause.addSuppressed(failure);
            log.warn(leftBehind());
        }
    }

    /**
     * Runs {@code work} on this thread while the environment goes down, and returns its result once
     * both ended. A failure of {@code work} is thrown, as {@link #awaitAfter} says. A teardown
     * failure after {@code work} succeeded is one warning, not a failure: {@code work} is the push,
     * whose tags are moved by then, and failing the goal would say the release failed when the
     * registry holds it; what is left is removed by the next run of the project, as a gone run's is.
     */
    public <T> T alongside(Supplier<T> work, Log log) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            awaitAfter(e, log);
            throw e;
        }
        join();
        if (failure != null) {
            log.warn(leftBehind());
        }
        return result;
    }

    private String leftBehind() {
        return "Could not remove the test environment (" + Causes.describe(failure) + "). The next run of this project removes"
                + " what is left of it; or now: docker rm -f $(docker ps -aq --filter label=io.turret.run="
                + environment.runId() + ") && docker network rm " + environment.networkName();
    }

    /** Waits however long the teardown takes: returning earlier could end the goal with containers up. */
    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
