package io.turret.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlongsideTest {
    @Test
    void aCheckThatPassesLetsTheWorkEndAsItWould() {
        Alongside check = Alongside.start("test-check", () -> { });

        assertEquals("built", check.run(() -> "built"));
        check.await();
    }

    @Test
    void aCheckThatFailsWhileTheWorkRunsInterruptsItAndIsWhatTheWorkThrows() {
        CountDownLatch working = new CountDownLatch(1);
        UserFailure refused = new UserFailure("refused");
        Alongside check = Alongside.start("test-check", () -> {
            await(working);
            throw refused;
        });

        UserFailure thrown = assertThrows(UserFailure.class, () -> check.run(() -> {
            working.countDown();
            try {
                Thread.sleep(60_000);
                return "built";
            } catch (InterruptedException e) {
                throw new EnvironmentFailure("Interrupted while building", e);
            }
        }));

        assertSame(refused, thrown);
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt it sent is not left on the thread");
        assertSame(refused, assertThrows(UserFailure.class, check::await));
    }

    @Test
    void aCheckThatFailedBeforeTheWorkStartsKeepsItFromStarting() throws Exception {
        UserFailure refused = new UserFailure("refused");
        Alongside check = Alongside.start("test-check", () -> {
            throw refused;
        });
        assertThrows(UserFailure.class, check::await);

        assertSame(refused, assertThrows(UserFailure.class, () -> check.run(() -> {
            throw new AssertionError("the work started");
        })));
    }

    @Test
    void theWorksOwnFailureIsThrownWhenTheCheckDidNotFail() {
        CountDownLatch done = new CountDownLatch(1);
        Alongside check = Alongside.start("test-check", () -> await(done));
        IllegalStateException broken = new IllegalStateException("build broke");

        assertSame(broken, assertThrows(IllegalStateException.class, () -> check.run(() -> {
            throw broken;
        })));
        done.countDown();
        check.await();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
