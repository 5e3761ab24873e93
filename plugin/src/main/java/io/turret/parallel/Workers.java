package io.turret.parallel;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Turret's worker threads: daemons, so that a Maven run that ends is never held up by one, named for
 * what they do; and what a failed task throws to the thread that waited for it.
 */
public final class Workers {
    private static final long STOP_WAIT_SECONDS = 30;

    private Workers() {
    }

    /** Daemon threads named {@code name}. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A pool of {@code threads} daemon threads named {@code name}. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, named(name));
    }

    /**
     * Interrupts the pool's tasks and waits a little for them to end, so that none still writes (a
     * builder's outputs, an image tarball) once the caller has gone on; the caller's interrupt flag is kept.
     */
    public static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code task} on a daemon thread of its own named {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = named(name).newThread(task);
        thread.start();
        return thread;
    }

    /** What a task's failure is to the thread that waited for it: the task's own RuntimeException, else an EnvironmentFailure. */
    public static RuntimeException failure(ExecutionException e) {
        return failure(e.getCause());
    }

    /** {@code cause} as Turret throws it: a RuntimeException as it is, anything else as an EnvironmentFailure. */
    public static RuntimeException failure(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new EnvironmentFailure(Causes.describe(cause), cause);
    }
}
