package io.turret.itest;

import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.parallel.Workers;
import io.turret.run.Liveness;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A release's test environment, started on a thread of its own while the release still builds and
 * assembles: each container comes up as soon as its image is assembled and what it depends on is
 * up. It starts when {@link #begin()} is first called (a builder's inputs changed, so the verdict
 * of an earlier run will not do), not before: a release whose images did not change starts no
 * container. An environment that turret:start left up, which the release may use, is left to the
 * integration tests to judge once the images are known.
 *
 * <p>{@link #await()} hands the environment over to the integration tests. Closing it before that
 * (the build failed, or the verdict of an earlier run was reused) stops the start and removes what
 * came up.
 */
public final class EnvironmentAhead implements AutoCloseable {
    /** The environment, up, and the shutdown hook that stops it should the JVM end first. */
    record Up(RunningEnvironment environment, StopOnExit stopOnExit) {
        /** Stops it, keeping its containers' logs, and forgets it. */
        void remove(TestEnvironment environments, EnvironmentSettings settings) {
            environments.remove(environment, settings.stateFile(), settings.build().logs(), stopOnExit);
        }
    }

    private final TestEnvironment environment;
    private final EnvironmentSettings settings;
    private final RunResources run;
    private final ServiceImages images;
    private final Liveness liveness;
    private final CompletableFuture<Optional<Up>> result = new CompletableFuture<>();
    private Thread starting;
    private boolean handedOver;

    EnvironmentAhead(TestEnvironment environment, EnvironmentSettings settings, RunResources run, ServiceImages images,
            Liveness liveness) {
        this.environment = environment;
        this.settings = settings;
        this.run = run;
        this.images = images;
        this.liveness = liveness;
    }

    /** Starts the environment, the first time only. */
    public synchronized void begin() {
        if (starting != null || handedOver || settings.containers().isEmpty()) {
            return;
        }
        starting = Workers.start("turret-environment-ahead", this::start);
    }

    private void start() {
        try {
            Optional<RunningEnvironment> before = environment.claim(settings.stateFile(), liveness);
            if (before.filter(up -> up.reusableBy(liveness.self())).isPresent()) {
                result.complete(Optional.empty());
                return;
            }
            before.ifPresent(stale -> environment.stop(stale, settings.build().logs()));
            StopOnExit stopOnExit = environment.stopOnExit(settings.stateFile(), settings.build().logs());
            try {
                result.complete(Optional.of(new Up(environment.start(settings, run, images), stopOnExit)));
            } catch (RuntimeException | Error e) {
                stopOnExit.cancel();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * Waits for the environment and hands it over: empty when it was never begun, or when one that
     * turret:start left up is to be judged instead.
     *
     * @throws RuntimeException the start's failure; what came up is removed by then
     */
    synchronized Optional<Up> await() {
        if (starting == null) {
            handedOver = true;
            return Optional.empty();
        }
        try {
            Optional<Up> up = result.get();
            handedOver = true;
            return up;
        } catch (ExecutionException e) {
            handedOver = true;
            throw Workers.failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while waiting for the test environment", e);
        }
    }

    /** Unless handed over: stops the start, and removes what came up. */
    @Override
    public synchronized void close() {
        if (starting == null || handedOver) {
            return;
        }
        handedOver = true;
        starting.interrupt();
        try {
            starting.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the shutdown hook stops it
        }
        if (result.isCompletedExceptionally()) {
            return; // the start removed what came up
        }
        result.join().ifPresent(up -> up.remove(environment, settings));
    }
}
