package io.turret.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LivenessTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Owner SELF = new Owner("agent-1", 100, 1_000);
    static final Owner OTHER = new Owner("agent-1", 200, 2_000);

    static Liveness liveness(ProcessTable processes) {
        return new Liveness(SELF, processes, Duration.ofHours(6), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aRunOfThisHostIsGoneOnceItsProcessIs() {
        assertTrue(liveness(new FakeProcesses()).gone(Optional.of(OTHER), NOW));
    }

    @Test
    void aRunOfThisHostWhoseProcessRunsIsNotGoneHoweverOld() {
        assertFalse(liveness(new FakeProcesses().running(OTHER)).gone(Optional.of(OTHER), NOW.minus(Duration.ofDays(3))));
    }

    @Test
    void thisRunIsNeverGone() {
        assertFalse(liveness(new FakeProcesses()).gone(Optional.of(SELF), NOW.minus(Duration.ofDays(3))));
    }

    @Test
    void aRunOfAnotherHostIsGoneOnlyPastReapAfter() {
        Owner elsewhere = new Owner("agent-2", 200, 2_000);
        assertFalse(liveness(new FakeProcesses()).gone(Optional.of(elsewhere), NOW.minus(Duration.ofHours(5))));
        assertTrue(liveness(new FakeProcesses()).gone(Optional.of(elsewhere), NOW.minus(Duration.ofHours(7))));
    }

    @Test
    void somethingThatNamesNoOwnerIsGoneOnlyPastReapAfter() {
        assertFalse(liveness(new FakeProcesses()).gone(Optional.empty(), NOW.minus(Duration.ofMinutes(1))));
        assertTrue(liveness(new FakeProcesses()).gone(Optional.empty(), NOW.minus(Duration.ofHours(7))));
    }

    @Test
    void theLocalProcessTableKnowsThisJvmAndNotAReusedPid() {
        Owner self = Owner.current();
        assertTrue(ProcessTable.local().alive(self));
        assertFalse(ProcessTable.local().alive(new Owner(self.host(), self.pid(), self.started() - 60_000)),
                "the same pid, started a minute earlier: another process");
    }

    @Test
    void theLocalProcessTableKnowsAProcessThatEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertFalse(ProcessTable.local().alive(new Owner(Owner.current().host(), ended.pid(), 0)));
    }
}
