package io.turret.parallel;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs one task per item, at most {@code threads} at once, and waits for every one of them. */
public final class BoundedParallel {
    private BoundedParallel() {
    }

    /**
     * @return each item's result, in the items' order
     * @throws RuntimeException the first item's failure (in the items' order), once all have ended
     */
    public static <T, R> List<R> map(List<T> items, int threads, String threadName, Function<T, R> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Workers.pool(Math.min(threads, items.size()), threadName);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>();
            RuntimeException firstError = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = Workers.failure(e);
                    firstError = firstError == null ? cause : firstError;
                }
            }
            if (firstError != null) {
                throw firstError;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("waiting for " + threadName + " tasks", e);
        } finally {
            Workers.stop(pool);
        }
    }
}
