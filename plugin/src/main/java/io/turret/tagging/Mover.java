package io.turret.tagging;

import io.turret.run.Owner;
import java.time.Instant;

/**
 * The run that moves a release's tags: its process, and when it wrote the journal. A journal left
 * unfinished by a run that is still alive belongs to a release in progress, not to a crashed one.
 */
public record Mover(Owner process, Instant since) {
    @Override
    public String toString() {
        return process + ", since " + since;
    }
}
