package io.turret.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turret.failure.UserFailure;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AheadTest {
    @Test
    void theValueIsWorkedOutWhileTheCallerGoesOn() throws InterruptedException {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        Ahead<String> ahead = Ahead.start("test-ahead", () -> {
            try {
                callerWentOn.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "engine platform";
        });
        callerWentOn.countDown();
        assertEquals("engine platform", ahead.get());
    }

    @Test
    void theSuppliersFailureIsThrownAsItWasWhenTheValueIsNeeded() {
        UserFailure refused = new UserFailure("cannot test linux/arm64 here");
        Ahead<String> ahead = Ahead.start("test-ahead", () -> {
            throw refused;
        });
        assertSame(refused, assertThrows(UserFailure.class, ahead::get));
    }
}
