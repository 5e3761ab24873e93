package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitsTest {
    private static Probe probe(List<String> lines, String health) {
        return new Probe() {
            @Override
            public List<String> logLines() {
                return lines;
            }

            @Override
            public Optional<String> health() {
                return Optional.ofNullable(health);
            }

            @Override
            public Optional<String> hostAndPort(int port) {
                return Optional.empty();
            }
        };
    }

    @Test
    void aLogWaitIsMetByAMatchingLine() {
        WaitStrategy wait = Waits.parse("Ready to accept connections", null, null, null, false, null, "");

        assertFalse(wait.isReady(probe(List.of("starting"), null)));
        assertTrue(wait.isReady(probe(List.of("starting", "1:M * Ready to accept connections tcp"), null)));
        assertEquals("a log line matching 'Ready to accept connections'", wait.describe());
    }

    @Test
    void aHealthWaitNeedsHealthy() {
        WaitStrategy wait = Waits.parse(null, null, null, null, true, null, "");

        assertFalse(wait.isReady(probe(List.of(), "starting")));
        assertTrue(wait.isReady(probe(List.of(), "healthy")));
    }

    @Test
    void anHttpWaitTakesTheFirstPublishedPortByDefault() {
        assertEquals("HTTP 200 from GET /healthz on port 8080", Waits.parse(null, null, "healthz", null, false, 8080, "").describe());
        assertEquals("HTTP 204 from GET /ready on port 9000", Waits.parse(null, 9000, "/ready", 204, false, 8080, "").describe());
        assertThrows(UserFailure.class, () -> Waits.parse(null, null, "/healthz", null, false, null, "<container> 'api': "));
    }

    @Test
    void nothingToWaitForMeansRunning() {
        assertEquals("the container running", Waits.parse(null, null, null, null, false, null, "").describe());
    }

    @Test
    void twoConditionsAreRefused() {
        UserFailure failure = assertThrows(UserFailure.class,
                () -> Waits.parse("Ready", 6379, null, null, false, null, "<container> 'redis': "));

        assertTrue(failure.getMessage().startsWith("<container> 'redis': <wait> takes one of"), failure.getMessage());
    }

    @Test
    void aBadPatternOrPortOrTimeoutIsNamed() {
        assertThrows(UserFailure.class, () -> Waits.parse("([", null, null, null, false, null, ""));
        assertThrows(UserFailure.class, () -> Waits.port("http", ""));
        assertEquals(8080, Waits.port("8080/tcp", ""));
        assertThrows(UserFailure.class, () -> Waits.timeout(0, ""));
        assertEquals(Duration.ofSeconds(5), Waits.timeout(5, ""));
    }
}
