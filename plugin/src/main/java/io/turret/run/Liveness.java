package io.turret.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the run that made something is gone, so that what it left may be removed. On this host
 * a run is gone when its process no longer runs. A run on another host (an engine or a workspace
 * shared by several agents) cannot be asked: its things count as left behind only once they are
 * older than {@code reapAfter}; so do things that name no owner (made by an older Turret).
 */
public final class Liveness {
    private final Owner self;
    private final ProcessTable processes;
    private final Duration reapAfter;
    private final Clock clock;

    public Liveness(Owner self, ProcessTable processes, Duration reapAfter, Clock clock) {
        this.self = self;
        this.processes = processes;
        this.reapAfter = reapAfter;
        this.clock = clock;
    }

    public Owner self() {
        return self;
    }

    /** The time by the clock that {@link #gone} measures ages with. */
    public Instant now() {
        return clock.instant();
    }

    /** How long a run on another host must have been quiet before it counts as gone. */
    public Duration reapAfter() {
        return reapAfter;
    }

    /** Whether {@code owner} is a process of this host, whose life can be checked. */
    public boolean local(Owner owner) {
        return owner.onHost(self.host());
    }

    /** Whether the run of {@code owner} (empty: unknown) that made something at {@code created} is gone. */
    public boolean gone(Optional<Owner> owner, Instant created) {
        if (owner.isEmpty() || !local(owner.get())) {
            return Duration.between(created, clock.instant()).compareTo(reapAfter) > 0;
        }
        return !owner.get().equals(self) && !processes.alive(owner.get());
    }
}
