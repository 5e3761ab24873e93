package io.turret.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReapAfterTest {
    @Test
    void readsAWholeNumberAndAUnit() {
        assertEquals(Duration.ofMinutes(90), ReapAfter.parse("90m", "-Dturret.reapAfter"));
        assertEquals(Duration.ofHours(6), ReapAfter.parse("6h", "-Dturret.reapAfter"));
        assertEquals(Duration.ofDays(2), ReapAfter.parse(" 2d ", "-Dturret.reapAfter"));
    }

    @Test
    void refusesAnythingElseNamingTheProperty() {
        UserFailure failure = assertThrows(UserFailure.class, () -> ReapAfter.parse("6 hours", "-Dturret.reapAfter"));
        assertTrue(failure.getMessage().startsWith("-Dturret.reapAfter '6 hours' is not a duration; write"), failure.getMessage());
    }
}
