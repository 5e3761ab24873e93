package io.turret.tagging;

import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import io.turret.run.Liveness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves another suffix's tags to the very manifests a release pushed and tested, all or nothing,
 * with no rebuild: the bytes that passed are the bytes that ship. Within one registry nothing is
 * uploaded; to another, each manifest is brought over (with the blobs it lacks) before any tag moves.
 */
public final class Promotion {
    private final TagStore source;
    private final TagStore target;
    private final Liveness liveness;
    private final Log log;

    /** A promotion within one registry. */
    public Promotion(TagStore store, Liveness liveness, Log log) {
        this(store, store, liveness, log);
    }

    /** A promotion from the registry of {@code source} to that of {@code target}. */
    public Promotion(TagStore source, TagStore target, Liveness liveness, Log log) {
        this.source = source;
        this.target = target;
        this.liveness = liveness;
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
        return promote(id, from, to, repositories, move -> { });
    }

    /**
     * As {@link #promote(String, String, String, Map)}, first handing each move to {@code bringOver},
     * which puts its manifest into the target registry when that is another one.
     */
    public List<TagMove> promote(String id, String from, String to, Map<String, String> repositories,
            Consumer<TagMove> bringOver) {
        Journals journals = new Journals(source, repositories, liveness);
        ReleaseJournal release = journals.read(from).orElseThrow(() -> new UserFailure("No release of " + from + " is recorded"
                + " in this registry, so there is nothing tested to promote; release it first (turret:release -Dsuffix=" + from
                + ")."));
        if (release.unfinished() && journals.inProgress(release)) {
            throw new UserFailure(journals.inProgressMessage(release) + " Promote " + from + " once it has finished.");
        }
        if (release.state() != ReleaseJournal.State.COMPLETE) {
            throw new UserFailure("The last release of " + from + " (" + release.release() + ") is "
                    + (release.unfinished() ? "unfinished; finish it first with turret:check -Dsuffix=" + from
                    : "rolled back, so its tags are not what it tested; release " + from + " again") + ".");
        }
        List<String> differences = new ArrayList<>();
        List<TagMove> moves = new ArrayList<>();
        for (Map.Entry<String, String> service : repositories.entrySet()) {
            String repository = service.getValue();
            Optional<TagMove> released = release.moves().stream().filter(move -> move.service().equals(service.getKey()))
                    .findFirst();
            if (released.isEmpty()) {
                differences.add(service.getKey() + ": not in release " + release.release());
                continue;
            }
            Optional<Digest> now = source.tagged(repository, from);
            if (!now.equals(Optional.of(released.get().digest()))) {
                differences.add(service.getKey() + ": " + repository + ":" + from + " points at " + now.map(Digest::toString).orElse("nothing")
                        + ", release " + release.release() + " put it on " + released.get().digest());
            }
            moves.add(new TagMove(service.getKey(), repository, released.get().digest(), target.tagged(repository, to)));
        }
        if (!differences.isEmpty()) {
            throw new UserFailure("Refusing to promote " + from + " to " + to + ": its tags are no longer what release "
                    + release.release() + " made and tested (someone pushed in between): " + String.join("; ", differences)
                    + ". Release " + from + " again, then promote.");
        }
        moves.stream().filter(move -> !move.inPlace()).forEach(bringOver);
        new TagMover(target, liveness, log).move(id, to, moves);
        return moves;
    }
}
