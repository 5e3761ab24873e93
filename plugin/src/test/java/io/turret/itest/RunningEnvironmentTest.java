package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningEnvironmentTest {
    private static final RunningEnvironment ENVIRONMENT = new RunningEnvironment("run-1", "sample", "net-id", "turret-sample-run-1",
            List.of(new RunningEnvironment.Started("redis", "c1", "redis", "redis:7", null, null, null),
                    new RunningEnvironment.Started("front-end", "c2", "frontend", "sha256:3", "frontend", 8000, 32801)),
            new Owner("agent-1", 200, 2_000), null);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Owner SELF = new Owner("agent-1", 100, 1_000);

    private static Liveness liveness(ProcessTable processes) {
        return new Liveness(SELF, processes, Duration.ofHours(6), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RunningEnvironment ownedBy(Owner owner, String handedOverBy) {
        return new RunningEnvironment("run-1", "sample", "net-id", "turret-sample-run-1", ENVIRONMENT.containers(), owner,
                handedOverBy);
    }

    @Test
    void publishesHostPortsForFailsafe() {
        assertEquals(Map.of("turret.front-end.host", "127.0.0.1", "turret.front-end.port", "32801",
                "turret.front-end.url", "http://127.0.0.1:32801"), ENVIRONMENT.properties());
    }

    @Test
    void givesRunnersTheAddressesOnTheTestNetwork() {
        assertEquals(Map.of("TURRET_REDIS_HOST", "redis", "TURRET_FRONT_END_HOST", "frontend", "TURRET_FRONT_END_PORT", "8000",
                "TURRET_FRONT_END_URL", "http://frontend:8000"), ENVIRONMENT.runnerEnvironment());
    }

    @Test
    void anEnvironmentOfThisProcessIsItsOwnToUse() {
        RunningEnvironment mine = ownedBy(SELF, null);
        assertEquals(RunningEnvironment.Standing.OURS, mine.standing(liveness(owner -> false), NOW));
        assertTrue(mine.reusableBy(SELF));
    }

    @Test
    void anEnvironmentWhoseMavenRunIsAliveIsInUse() {
        assertEquals(RunningEnvironment.Standing.IN_USE, ENVIRONMENT.standing(liveness(owner -> true), NOW));
    }

    @Test
    void anEnvironmentWhoseMavenRunWasKilledBeforeHandingItOverIsAbandonedAndNotReused() {
        assertEquals(RunningEnvironment.Standing.ABANDONED, ENVIRONMENT.standing(liveness(owner -> false), NOW));
        assertFalse(ENVIRONMENT.reusableBy(SELF));
        assertEquals(RunningEnvironment.Standing.ABANDONED, ownedBy(null, null).standing(liveness(owner -> true), NOW),
                "an older Turret's, which names no owner");
    }

    @Test
    void onlyAnEnvironmentTurretStartHandedOverIsReusedByAnotherMavenRun() {
        RunningEnvironment started = ENVIRONMENT.handedOver(RunningEnvironment.BY_START);
        RunningEnvironment kept = ENVIRONMENT.handedOver(RunningEnvironment.BY_KEEP);
        assertEquals(RunningEnvironment.Standing.HANDED_OVER, started.standing(liveness(owner -> false), NOW));
        assertEquals(RunningEnvironment.Standing.HANDED_OVER, kept.standing(liveness(owner -> false), NOW));
        assertTrue(started.reusableBy(SELF));
        assertFalse(kept.reusableBy(SELF), "its tests ran against it already");
    }

    @Test
    void itsStateFileHoldsItOnlyOnceHandedOver(@TempDir Path target) throws Exception {
        Path state = target.resolve("turret/environment.json");
        assertFalse(RunningEnvironment.holds(state, "run-1"), "no file");
        ENVIRONMENT.save(state);
        assertFalse(RunningEnvironment.holds(state, "run-1"), "not handed over");
        ENVIRONMENT.handedOver(RunningEnvironment.BY_START).save(state);
        assertTrue(RunningEnvironment.holds(state, "run-1"));
        assertFalse(RunningEnvironment.holds(state, "run-2"), "another run's");
        Files.writeString(state, "{\"runId\": \"run-1\", ");
        assertFalse(RunningEnvironment.holds(state, "run-1"), "cut short by a kill");
    }

    @Test
    void survivesTheTripThroughItsStateFile(@TempDir Path target) {
        ENVIRONMENT.save(target.resolve("turret/environment.json"));

        assertEquals(ENVIRONMENT, RunningEnvironment.load(target.resolve("turret/environment.json")).orElseThrow());
    }
}
