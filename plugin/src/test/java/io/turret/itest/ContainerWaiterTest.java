package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.docker.ContainerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContainerWaiterTest {
    private static final ContainerState RUNNING = new ContainerState(true, 0, Optional.empty(), Map.of(), Optional.empty());
    private static final List<String> LOG = IntStream.rangeClosed(1, 80).mapToObj(i -> "line " + i).toList();

    /** A clock that moves a second each time it is read. */
    private static Clock ticking() {
        AtomicInteger reads = new AtomicInteger();
        return new Clock() {
            @Override
            public Instant instant() {
                return Instant.EPOCH.plusSeconds(reads.getAndIncrement());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    private static WaitStrategy never() {
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "a log line matching 'Ready'";
            }

            @Override
            public boolean isReady(Probe probe) {
                return false;
            }
        };
    }

    private static List<String> tail(int lines) {
        return LOG.subList(LOG.size() - lines, LOG.size());
    }

    @Test
    void aWaitThatIsNotMetFailsAtItsTimeoutNamingItWithTheLogTail() {
        StartFailure failure = assertThrows(StartFailure.class, () -> new ContainerWaiter(ticking())
                .await("redis", never(), Duration.ofSeconds(3), () -> RUNNING, ContainerWaiterTest::tail, null));

        assertTrue(failure.getMessage().startsWith("Test container 'redis' was not up within 3 s: no a log line matching 'Ready'."
                + " Its last 50 log lines:\nline 31\n"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("\nline 80"));
    }

    @Test
    void aContainerThatExitsFailsAtOnceWithItsExitCode() {
        ContainerState exited = new ContainerState(false, 2, Optional.empty(), Map.of(), Optional.empty());

        StartFailure failure = assertThrows(StartFailure.class, () -> new ContainerWaiter(ticking())
                .await("api", never(), Duration.ofSeconds(60), () -> exited, ContainerWaiterTest::tail, null));

        assertTrue(failure.getMessage().startsWith("Test container 'api' exited with code 2 while waiting for a log line"),
                failure.getMessage());
    }

    @Test
    void returnsOnceReady() {
        AtomicInteger asked = new AtomicInteger();
        WaitStrategy third = new WaitStrategy() {
            @Override
            public String describe() {
                return "third time";
            }

            @Override
            public boolean isReady(Probe probe) {
                return asked.incrementAndGet() == 3;
            }
        };

        new ContainerWaiter(Clock.systemUTC()).await("api", third, Duration.ofSeconds(30), () -> RUNNING,
                ContainerWaiterTest::tail, null);

        assertEquals(3, asked.get());
    }
}
