package io.turret.tagging;

import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves another suffix's tags to the very manifests a release pushed and tested, all or nothing,
 * with no rebuild and no upload: the bytes that passed are the bytes that ship.
 */
public final class Promotion {
    private final TagStore store;
    private final Log log;

    public Promotion(TagStore store, Log log) {
        this.store = store;
        this.log = log;
    }

    /**
     * Points every service's {@code to} tag at the manifest its {@code from} tag points at,
     * refusing unless those are the manifests the last release of {@code from} recorded.
     *
     * @param repositories service → its repository
     * @return the moves, one per service
     */
    public List<TagMove> promote(String id, String from, String to, Map<String, String> repositories) {
        ReleaseJournal source = store.journal(from).orElseThrow(() -> new UserFailure("No release of " + from + " is recorded"
                + " in this registry, so there is nothing tested to promote; release it first (turret:release -Dsuffix=" + from
                + ")."));
        if (source.state() != ReleaseJournal.State.COMPLETE) {
            throw new UserFailure("The last release of " + from + " (" + source.release() + ") is "
                    + (source.unfinished() ? "unfinished; finish it first with turret:check -Dsuffix=" + from
                    : "rolled back, so its tags are not what it tested; release " + from + " again") + ".");
        }
        List<String> differences = new ArrayList<>();
        List<TagMove> moves = new ArrayList<>();
        for (Map.Entry<String, String> service : repositories.entrySet()) {
            String repository = service.getValue();
            Optional<TagMove> released = source.moves().stream().filter(move -> move.repository().equals(repository)).findFirst();
            if (released.isEmpty()) {
                differences.add(service.getKey() + ": not in release " + source.release());
                continue;
            }
            Optional<String> now = store.tagged(repository, from);
            if (!now.equals(Optional.of(released.get().digest()))) {
                differences.add(service.getKey() + ": " + repository + ":" + from + " points at " + now.orElse("nothing")
                        + ", release " + source.release() + " put it on " + released.get().digest());
            }
            moves.add(new TagMove(service.getKey(), repository, released.get().digest(), store.tagged(repository, to)));
        }
        if (!differences.isEmpty()) {
            throw new UserFailure("Refusing to promote " + from + " to " + to + ": its tags are no longer what release "
                    + source.release() + " made and tested (someone pushed in between): " + String.join("; ", differences)
                    + ". Release " + from + " again, then promote.");
        }
        new TagMover(store, log).move(id, to, moves);
        return moves;
    }
}
