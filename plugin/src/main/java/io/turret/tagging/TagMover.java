package io.turret.tagging;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import io.turret.run.Liveness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves the suffix tags of a release all or nothing, through crashes: no registry moves several
 * tags at once, so the intent goes first into a journal in the registry, then the tags move, then
 * the journal is marked complete. A journal found unfinished belongs to a run that was cut short
 * (killed, or its roll-back interrupted) unless that run is still alive; {@link #repair} finishes it
 * forward when every manifest is in the registry, and back otherwise, moving only the tags that are
 * where the release left them: a tag someone else moved since is left alone and named.
 */
public final class TagMover {
    /** The releases this JVM is moving tags for: a journal of this very process is in progress only if listed. */
    private static final Set<String> MOVING_HERE = ConcurrentHashMap.newKeySet();

    private final TagStore store;
    private final Liveness liveness;
    private final Log log;

    public TagMover(TagStore store, Liveness liveness, Log log) {
        this.store = store;
        this.liveness = liveness;
        this.log = log;
    }

    /** What {@link #repair} found. */
    public enum Outcome {
        /** Another run is still moving the tags: nothing was touched. */
        IN_PROGRESS,
        ROLLED_FORWARD,
        ROLLED_BACK
    }

    /** What {@link #repair} found and did, with one paragraph for the log. */
    public record Repair(Outcome outcome, String message) {
    }

    static boolean movingHere(String release) {
        return MOVING_HERE.contains(release);
    }

    /**
     * Finishes a release of {@code suffix} that was cut short; empty when none is unfinished.
     *
     * @param repositories the project's services → their repositories, from the pom: a journal naming
     *     anything else is refused before any tag moves ({@link UntrustedJournal})
     */
    public Optional<Repair> repair(String suffix, Map<String, String> repositories) {
        Journals journals = new Journals(store, repositories, liveness);
        Optional<ReleaseJournal> found = journals.read(suffix);
        if (found.isEmpty() || !found.get().unfinished()) {
            return Optional.empty();
        }
        ReleaseJournal journal = found.get();
        if (journals.inProgress(journal)) {
            return Optional.of(new Repair(Outcome.IN_PROGRESS, journals.inProgressMessage(journal)));
        }
        String what = "The release " + journal.release() + " of suffix " + suffix + " was cut short before all its tags moved"
                + journal.mover().map(mover -> " (" + mover + ", now gone)").orElse("");
        Optional<TagMove> missing = journal.moves().stream()
                .filter(move -> !store.hasManifest(move.repository(), move.digest())).findFirst();
        Tally tally = new Tally(suffix);
        if (missing.isEmpty()) {
            journal.moves().forEach(move -> tally.forward(move));
            finish(journal, ReleaseJournal.State.COMPLETE);
            return Optional.of(new Repair(Outcome.ROLLED_FORWARD, what + "; every manifest of it is in the registry, so it"
                    + " was rolled forward: " + tally + "."));
        }
        journal.moves().forEach(move -> tally.back(move));
        finish(journal, ReleaseJournal.State.ROLLED_BACK);
        return Optional.of(new Repair(Outcome.ROLLED_BACK, what + "; " + missing.get().repository() + "@"
                + missing.get().digest() + " is no longer in the registry, so it was rolled back: " + tally + "."));
    }

    /** Marks the journal finished, unless another run finished it (or began a new release) meanwhile. */
    private void finish(ReleaseJournal repaired, ReleaseJournal.State state) {
        Optional<ReleaseJournal> now = store.journal(repaired.suffix());
        if (now.isPresent() && now.get().release().equals(repaired.release()) && now.get().unfinished()) {
            store.writeJournal(repaired.withState(state));
        }
    }

    /**
     * Moves every tag to its release's manifest (which must be in the registry already), or, when a
     * move fails, puts back those it moved and rethrows.
     */
    public void move(String release, String suffix, List<TagMove> moves) {
        List<TagMove> toMove = moves.stream().filter(move -> !move.inPlace()).toList();
        if (toMove.isEmpty()) {
            log.info("Every " + suffix + " tag already points at this release's manifest: no tag moved.");
            return;
        }
        ReleaseJournal journal = new ReleaseJournal(release, suffix, ReleaseJournal.State.MOVING, moves,
                Optional.of(new Mover(liveness.self(), liveness.now())));
        MOVING_HERE.add(release);
        try {
            store.writeJournal(journal);
            for (TagMove move : toMove) {
                try {
                    store.tag(move.repository(), suffix, move.digest());
                } catch (RuntimeException e) {
                    Tally tally = new Tally(suffix);
                    toMove.forEach(tally::back);
                    store.writeJournal(journal.withState(ReleaseJournal.State.ROLLED_BACK));
                    String message = "Tagging " + move.repository() + ":" + suffix + " failed, so every tag of this release"
                            + " was put back" + tally.keptNote() + ": " + e.getMessage();
                    throw e instanceof UserFailure ? new UserFailure(message, e) : new EnvironmentFailure(message, e);
                }
            }
            store.writeJournal(journal.withState(ReleaseJournal.State.COMPLETE));
        } finally {
            MOVING_HERE.remove(release);
        }
    }

    /** The tags of one repair or roll-back: each compared with the registry as it is, then moved or not. */
    private final class Tally {
        private final String suffix;
        private final List<String> moved = new ArrayList<>();
        private final List<String> right = new ArrayList<>();
        private final List<String> leftAlone = new ArrayList<>();
        private final List<String> kept = new ArrayList<>();

        Tally(String suffix) {
            this.suffix = suffix;
        }

        /** From where the release found the tag to its manifest. */
        void forward(TagMove move) {
            Optional<Digest> now = store.tagged(move.repository(), suffix);
            if (move.isReleased(now)) {
                right.add(tag(move));
            } else if (move.wasBefore(now)) {
                store.tag(move.repository(), suffix, move.digest());
                moved.add(tag(move));
            } else {
                leftAlone(move, now);
            }
        }

        /** From the release's manifest back to where the release found the tag (or no tag). */
        void back(TagMove move) {
            Optional<Digest> now = store.tagged(move.repository(), suffix);
            if (move.wasBefore(now)) {
                right.add(tag(move));
            } else if (!move.isReleased(now)) {
                leftAlone(move, now);
            } else if (move.previous().isPresent()) {
                store.tag(move.repository(), suffix, move.previous().get());
                moved.add(tag(move));
            } else if (store.untag(move.repository(), suffix)) {
                moved.add(tag(move));
            } else {
                kept.add(tag(move));
                log.warn(tag(move) + " had no earlier value and the registry does not let this credential delete tags, so it"
                        + " still points at this release; delete it in the registry if it must go.");
            }
        }

        private void leftAlone(TagMove move, Optional<Digest> now) {
            leftAlone.add(tag(move) + " (it points at " + now.map(Digest::toString).orElse("nothing") + ", neither this"
                    + " release's manifest nor the one before it: someone else moved it)");
        }

        private String tag(TagMove move) {
            return move.repository() + ":" + suffix;
        }

        String keptNote() {
            return kept.isEmpty() ? "" : " except " + String.join(", ", kept) + ", new tags the registry does not allow deleting";
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            parts.add(moved.isEmpty() ? "no tag moved" : "moved " + String.join(", ", moved));
            if (!right.isEmpty()) {
                parts.add("already right: " + String.join(", ", right));
            }
            if (!kept.isEmpty()) {
                parts.add("not deletable, kept: " + String.join(", ", kept));
            }
            if (!leftAlone.isEmpty()) {
                parts.add("left alone: " + String.join("; ", leftAlone));
            }
            return String.join("; ", parts);
        }
    }
}
