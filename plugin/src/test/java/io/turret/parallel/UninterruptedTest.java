package io.turret.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.EnvironmentFailure;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UninterruptedTest {
    @Test
    void everyItemIsDoneWhenOthersFailAndTheFirstFailureInTheItemsOrderIsThrown() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        EnvironmentFailure second = new EnvironmentFailure("second", null);
        EnvironmentFailure fourth = new EnvironmentFailure("fourth", null);

        EnvironmentFailure thrown = assertThrows(EnvironmentFailure.class, () -> Uninterrupted.forEach(List.of(1, 2, 3, 4, 5), 2,
                "test-down", item -> {
                    done.add(item);
                    if (item == 4) {
                        throw fourth;
                    }
                    if (item == 2) {
                        throw second;
                    }
                }));

        assertSame(second, thrown);
        assertEquals(Set.of(1, 2, 3, 4, 5), done);
    }

    @Test
    void atMostTheGivenNumberRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        Uninterrupted.forEach(List.of(1, 2, 3, 4, 5, 6, 7, 8), 3, "test-down", item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            running.decrementAndGet();
        });

        assertTrue(most.get() <= 3 && most.get() >= 2, "at most 3 at once, more than one: " + most.get());
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryItemAndKeepsItsInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        boolean[] interruptedAfter = new boolean[1];
        Thread caller = new Thread(() -> {
            Uninterrupted.forEach(List.of(1, 2), 2, "test-down", item -> {
                started.countDown();
                await(release);
                done.add(item);
            });
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });
        caller.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));

        caller.interrupt();
        Thread.sleep(100);
        assertTrue(caller.isAlive(), "returned while its items were still being done");
        release.countDown();
        caller.join(10_000);

        assertEquals(Set.of(1, 2), done);
        assertTrue(interruptedAfter[0], "the caller's interrupt is kept");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
