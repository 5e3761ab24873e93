package io.turret.run;

import java.time.Instant;

/** Which processes of this host are running. */
public interface ProcessTable {
    /** Start times closer than this are taken for the same process (two JVMs may round differently). */
    long START_TOLERANCE_MILLIS = 1000;

    /** Whether {@code owner}'s process is still running: its pid exists and, when known, started when the owner's did. */
    boolean alive(Owner owner);

    /** This host's processes, as the JVM sees them. */
    static ProcessTable local() {
        return owner -> ProcessHandle.of(owner.pid()).filter(ProcessHandle::isAlive)
                .map(process -> owner.started() == 0 || process.info().startInstant().map(Instant::toEpochMilli)
                        .map(started -> Math.abs(started - owner.started()) <= START_TOLERANCE_MILLIS).orElse(true))
                .orElse(false);
    }
}
