package io.turret.docker;

import io.turret.run.Liveness;
import io.turret.run.Owner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which containers and networks a run that is gone left behind, by their labels: those
 * whose owner is gone (see {@link Liveness}), except a test environment that turret:start (or
 * {@code turret.keep}) handed over to later Maven runs, for as long as its state file on this host
 * records it as handed over.
 */
public final class Leftovers {
    /** Whether the state file at a path records the run as handed over. */
    @FunctionalInterface
    public interface Handovers {
        boolean holds(Path stateFile, String runId);
    }

    private final Liveness liveness;
    private final Handovers handovers;

    public Leftovers(Liveness liveness, Handovers handovers) {
        this.liveness = liveness;
        this.handovers = handovers;
    }

    public Owner self() {
        return liveness.self();
    }

    public boolean abandoned(Labelled resource) {
        Optional<Owner> owner = Labels.owner(resource.labels());
        if (!liveness.gone(owner, resource.created())) {
            return false;
        }
        String state = resource.labels().get(Labels.STATE);
        boolean handedOverHere = state != null && owner.isPresent() && liveness.local(owner.get())
                && handovers.holds(Path.of(state), resource.labels().get(Labels.RUN));
        return !handedOverHere;
    }
}
