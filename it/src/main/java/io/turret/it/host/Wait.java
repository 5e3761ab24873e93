package io.turret.it.host;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for a server of the stack to be ready, failing early with its log when it dies. */
public final class Wait {
    private Wait() {
    }

    public static void until(String what, Duration timeout, ManagedProcess process, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            process.requireAlive();
            if (ready.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " was not ready within " + timeout.toSeconds() + " s; the end of "
                        + process.log() + ":\n" + process.logTail(30));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
