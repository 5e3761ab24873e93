package io.turret.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one task per item, a few at once, and waits for every one of them however the waiting thread is
 * interrupted: for clean-up (removing containers) that must not be cut short, where returning early would leave
 * what it removes behind. The interrupt is kept for the caller.
 */
public final class Uninterrupted {
    private Uninterrupted() {
    }

    /** @throws RuntimeException the first item's failure (in the items' order), once every task ended */
    public static <T> void forEach(List<T> items, int threads, String threadName, Consumer<T> task) {
        if (items.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        ExecutorService pool = Workers.pool(Math.min(threads, items.size()), threadName);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            RuntimeException first = null;
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        first = first == null ? Workers.failure(e) : first;
                        break;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
