package io.turret.parallel;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A check that runs on a thread of its own alongside other work, and stops that work when it
 * fails: the work's thread is interrupted, and the check's failure is what the work throws.
 */
public final class Alongside {
    private final CompletableFuture<Void> check = new CompletableFuture<>();
    private Thread working;
    private boolean interrupted;

    private Alongside() {
    }

    /** Starts {@code check} on a daemon thread named {@code name}. */
    public static Alongside start(String name, Runnable check) {
        Alongside alongside = new Alongside();
        Workers.start(name, () -> {
            try {
                check.run();
                alongside.check.complete(null);
            } catch (RuntimeException | Error e) {
                alongside.check.completeExceptionally(e);
                alongside.interruptWork();
            }
        });
        return alongside;
    }

    private synchronized void interruptWork() {
        if (working != null) {
            interrupted = true;
            working.interrupt();
        }
    }

    /**
     * Runs {@code work} on this thread, interrupted should the check fail meanwhile.
     *
     * @throws RuntimeException the check's failure when it failed before or while the work ran;
     *     otherwise the work's own
     */
    public <T> T run(Supplier<T> work) {
        synchronized (this) {
            if (check.isCompletedExceptionally()) {
                throw failure();
            }
            working = Thread.currentThread();
        }
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            if (stopWorking()) {
                throw failure();
            }
            throw e;
        } finally {
            stopWorking();
        }
    }

    /** Whether the check interrupted the work; the thread's interrupt flag it set is cleared. */
    private synchronized boolean stopWorking() {
        working = null;
        if (interrupted) {
            Thread.interrupted();
        }
        return interrupted;
    }

    /** Waits for the check. @throws RuntimeException its failure */
    public void await() {
        try {
            check.get();
        } catch (ExecutionException e) {
            throw failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while waiting for the check running alongside", e);
        }
    }

    private RuntimeException failure() {
        return Workers.failure(check.handle((passed, failed) -> failed).join());
    }
}
