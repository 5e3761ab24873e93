package io.turret.parallel;

import io.turret.failure.EnvironmentFailure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** A value worked out on a thread of its own while the caller does something else, until the caller needs it. */
public final class Ahead<T> {
    private final CompletableFuture<T> value = new CompletableFuture<>();

    private Ahead() {
    }

    /** Starts {@code supplier} on a daemon thread named {@code name}. */
    public static <T> Ahead<T> start(String name, Supplier<T> supplier) {
        Ahead<T> ahead = new Ahead<>();
        Workers.start(name, () -> {
            try {
                ahead.value.complete(supplier.get());
            } catch (RuntimeException | Error e) {
                ahead.value.completeExceptionally(e);
            }
        });
        return ahead;
    }

    /** Waits for the value. @throws RuntimeException the supplier's failure, as it threw it */
    public T get() {
        try {
            return value.get();
        } catch (ExecutionException e) {
            throw Workers.failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while waiting for work started ahead", e);
        }
    }
}
