package io.turret.tagging;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves the suffix tags of a release all or nothing, through crashes: no registry moves several
 * tags at once, so the intent goes first into a journal in the registry, then the tags move, then
 * the journal is marked complete. A journal found unfinished belongs to a run that was cut short
 * (killed, or its roll-back interrupted); {@link #repair} finishes it forward when every manifest
 * is in the registry, and back otherwise.
 */
public final class TagMover {
    private final TagStore store;
    private final Log log;

    public TagMover(TagStore store, Log log) {
        this.store = store;
        this.log = log;
    }

    /** What {@link #repair} found and did, in one line for the log; empty when nothing was unfinished. */
    public Optional<String> repair(String suffix) {
        Optional<ReleaseJournal> found = store.journal(suffix);
        if (found.isEmpty() || !found.get().unfinished()) {
            return Optional.empty();
        }
        ReleaseJournal journal = found.get();
        String what = "The release " + journal.release() + " of suffix " + suffix + " was cut short before all its tags moved";
        List<TagMove> missing = journal.moves().stream().filter(move -> !store.hasManifest(move.repository(), move.digest())).toList();
        if (missing.isEmpty()) {
            journal.moves().forEach(move -> pointAt(move.repository(), suffix, move.digest()));
            store.writeJournal(journal.withState(ReleaseJournal.State.COMPLETE));
            return Optional.of(what + "; every manifest of it is in the registry, so it was rolled forward: "
                    + services(journal.moves()) + " now point at its manifests.");
        }
        List<String> kept = rollBack(journal.moves(), suffix);
        store.writeJournal(journal.withState(ReleaseJournal.State.ROLLED_BACK));
        return Optional.of(what + "; " + missing.get(0).repository() + "@" + missing.get(0).digest() + " is no longer in the"
                + " registry, so it was rolled back: every tag is where it was before it" + keptNote(kept, suffix) + ".");
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
        ReleaseJournal journal = new ReleaseJournal(release, suffix, ReleaseJournal.State.MOVING, moves);
        store.writeJournal(journal);
        for (TagMove move : toMove) {
            try {
                store.tag(move.repository(), suffix, move.digest());
            } catch (RuntimeException e) {
                List<String> kept = rollBack(toMove, suffix);
                store.writeJournal(journal.withState(ReleaseJournal.State.ROLLED_BACK));
                String message = "Tagging " + move.repository() + ":" + suffix + " failed, so every tag of this release"
                        + " was put back" + keptNote(kept, suffix) + ": " + e.getMessage();
                throw e instanceof UserFailure ? new UserFailure(message, e) : new EnvironmentFailure(message, e);
            }
        }
        store.writeJournal(journal.withState(ReleaseJournal.State.COMPLETE));
    }

    /** Puts each tag back; returns the repositories whose new tag could not be deleted. */
    private List<String> rollBack(List<TagMove> moves, String suffix) {
        List<String> kept = new ArrayList<>();
        for (TagMove move : moves) {
            if (move.previous().isPresent()) {
                pointAt(move.repository(), suffix, move.previous().get());
            } else if (store.tagged(move.repository(), suffix).isPresent() && !store.untag(move.repository(), suffix)) {
                kept.add(move.repository());
            }
        }
        kept.forEach(repository -> log.warn(repository + ":" + suffix + " had no earlier value and the registry does not let"
                + " this credential delete tags, so it still points at this release; delete it in the registry if it must go."));
        return kept;
    }

    private void pointAt(String repository, String suffix, String digest) {
        if (!store.tagged(repository, suffix).filter(digest::equals).isPresent()) {
            store.tag(repository, suffix, digest);
        }
    }

    private static String keptNote(List<String> kept, String suffix) {
        return kept.isEmpty() ? "" : " except " + String.join(", ", kept.stream().map(r -> r + ":" + suffix).toList())
                + ", new tags the registry does not allow deleting";
    }

    private static String services(List<TagMove> moves) {
        return String.join(", ", moves.stream().map(TagMove::service).toList());
    }
}
