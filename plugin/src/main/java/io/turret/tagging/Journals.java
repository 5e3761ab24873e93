package io.turret.tagging;

import io.turret.run.Liveness;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release journals of one project in a registry, read as input: each is checked against the
 * project (its suffix is the tag it was read from; its services are the project's, in the
 * repositories the pom gives them) before anything acts on it.
 */
final class Journals {
    private final TagStore store;
    private final Map<String, String> repositories;
    private final Liveness liveness;

    /** @param repositories service → its repository, computed from the pom */
    Journals(TagStore store, Map<String, String> repositories, Liveness liveness) {
        this.store = store;
        this.repositories = Map.copyOf(repositories);
        this.liveness = liveness;
    }

    /**
     * The journal of the last release of {@code suffix}; empty when none was ever written.
     *
     * @throws UntrustedJournal when it is not one Turret wrote for this project
     */
    Optional<ReleaseJournal> read(String suffix) {
        Optional<ReleaseJournal> journal = store.journal(suffix);
        List<String> problems = journal.map(found -> found.problems(suffix, repositories)).orElse(List.of());
        if (!problems.isEmpty()) {
            throw new UntrustedJournal(store.journalReference(suffix), String.join("; ", problems), null);
        }
        return journal;
    }

    /**
     * Whether the run that wrote an unfinished journal is still moving its tags: alive on this host,
     * or on another host and not yet quiet for {@code turret.reapAfter}. A journal of an older
     * Turret names no run: it counts as cut short.
     */
    boolean inProgress(ReleaseJournal journal) {
        if (journal.mover().isEmpty()) {
            return false;
        }
        Mover mover = journal.mover().get();
        if (mover.process().equals(liveness.self())) {
            return TagMover.movingHere(journal.release());
        }
        return !liveness.gone(Optional.of(mover.process()), mover.since());
    }

    /** One sentence naming a release in progress, and when it will be taken for cut short. */
    String inProgressMessage(ReleaseJournal journal) {
        Mover mover = journal.mover().orElseThrow();
        String whenGone = liveness.local(mover.process()) ? "once that process is gone"
                : "once it has been quiet for turret.reapAfter (" + liveness.reapAfter() + ") since a run on another host"
                + " cannot be asked whether it is alive";
        return "A release of " + journal.suffix() + " (" + journal.release() + ") is in progress (" + mover + "): its tags"
                + " are left to it; if it was cut short, the next turret:check repairs it " + whenGone + ".";
    }
}
