package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningEnvironmentTest {
    private static final RunningEnvironment ENVIRONMENT = new RunningEnvironment("run-1", "sample", "net-id", "turret-sample-run-1",
            List.of(new RunningEnvironment.Started("redis", "c1", "redis", "redis:7", null, null, null),
                    new RunningEnvironment.Started("front-end", "c2", "frontend", "sha256:3", "frontend", 8000, 32801)));

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
    void survivesTheTripThroughItsStateFile(@TempDir Path target) {
        ENVIRONMENT.save(target.resolve("turret/environment.json"));

        assertEquals(ENVIRONMENT, RunningEnvironment.load(target.resolve("turret/environment.json")).orElseThrow());
    }
}
