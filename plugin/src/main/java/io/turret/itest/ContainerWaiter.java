package io.turret.itest;

import io.turret.docker.ContainerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Waits for a started container to count as up, failing as soon as it exits or when the timeout
 * passes, with the condition named and the last {@value #TAIL} lines of its log.
 */
final class ContainerWaiter {
    static final int TAIL = 50;
    /** The first pause between two looks: most containers are up within a second, and each wait delays the next start. */
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Clock clock;

    ContainerWaiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param state the container's state now
     * @param logs the container's last lines of log
     */
    void await(String name, WaitStrategy wait, Duration timeout, Supplier<ContainerState> state, IntFunction<List<String>> logs,
            Probe probe) {
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = FIRST_POLL;
        while (true) {
            ContainerState now = state.get();
            if (!now.running()) {
                throw new StartFailure(name, "exited with code " + now.exitCode() + " while waiting for " + wait.describe(),
                        logs.apply(TAIL));
            }
            if (wait.isReady(probe)) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new StartFailure(name, "was not up within " + timeout.toSeconds() + " s: no " + wait.describe(),
                        logs.apply(TAIL));
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.turret.failure.EnvironmentFailure("interrupted while waiting for test container '" + name + "'", e);
            }
            pause = pause.multipliedBy(2).compareTo(POLL) < 0 ? pause.multipliedBy(2) : POLL;
        }
    }
}
