package io.turret.tagging;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.oci.Digest;
import io.turret.run.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The intent of a release, written before its first tag moves and marked finished after its last:
 * a release whose journal still says {@link State#MOVING} was cut short (or is still moving its tags,
 * when its {@link Mover} is alive), and the next run repairs it.
 *
 * <p>A journal is read from the registry, which others can write: it is input. {@link #fromJson}
 * takes only what Turret writes, and {@link #problems} compares it with the project before any tag
 * is moved on its word.
 *
 * @param release the id of the run that wrote it
 * @param mover who wrote it; empty in a journal of an older Turret
 */
public record ReleaseJournal(String release, String suffix, State state, List<TagMove> moves, Optional<Mover> mover) {
    /** How far the release got. */
    public enum State {
        /** Tags may be moving: a journal left in this state belongs to a release that did not finish. */
        MOVING,
        /** Every tag points at the release's manifests. */
        COMPLETE,
        /** Every tag is back where it was before the release (or deleted, when it was new). */
        ROLLED_BACK
    }

    /** A run id as Turret makes them: {@code 20261124-162301-3fa9}. */
    private static final Pattern RELEASE_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public ReleaseJournal {
        moves = List.copyOf(moves);
    }

    public ReleaseJournal withState(State next) {
        return new ReleaseJournal(release, suffix, next, moves, mover);
    }

    public boolean unfinished() {
        return state == State.MOVING;
    }

    /**
     * What makes this journal unfit to act on for the project whose services' repositories are
     * {@code repositories} (service → repository, from the pom), read from the tag {@code readFrom}:
     * empty when nothing does. A finished journal may name services the project no longer has (one was
     * removed from the pom since): nothing acts on those moves, since a repair finishes unfinished
     * journals only and a promotion takes the project's own services.
     */
    public List<String> problems(String readFrom, Map<String, String> repositories) {
        List<String> problems = new ArrayList<>();
        if (!suffix.equals(readFrom)) {
            problems.add("it says it is the journal of suffix '" + suffix + "', but it is tagged " + readFrom);
        }
        Set<String> seen = new HashSet<>();
        for (TagMove move : moves) {
            String repository = repositories.get(move.service());
            if (repository == null) {
                if (!unfinished()) {
                    continue;
                }
                problems.add("it names a service '" + move.service() + "' that is not one of this project's services "
                        + repositories.keySet());
            } else if (!repository.equals(move.repository())) {
                problems.add("it moves the tag of service '" + move.service() + "' in repository " + move.repository()
                        + ", but this project's repository for it is " + repository);
            }
            if (!seen.add(move.service())) {
                problems.add("it names service '" + move.service() + "' twice");
            }
        }
        return problems;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("release", release);
        root.put("suffix", suffix);
        root.put("state", state.name());
        mover.ifPresent(by -> {
            ObjectNode owner = root.putObject("owner");
            owner.put("host", by.process().host());
            owner.put("pid", by.process().pid());
            owner.put("started", by.process().started());
            root.put("since", by.since().toString());
        });
        var services = root.putArray("moves");
        for (TagMove move : moves) {
            ObjectNode node = services.addObject();
            node.put("service", move.service());
            node.put("repository", move.repository());
            node.put("digest", move.digest().toString());
            move.previous().ifPresentOrElse(previous -> node.put("previous", previous.toString()), () -> node.putNull("previous"));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a journal is always JSON", e);
        }
    }

    /**
     * Reads a journal; anything that is not exactly what Turret writes (a digest that is not one, a
     * state or release id Turret never writes) is refused with the reason, never guessed at.
     */
    public static ReleaseJournal fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        String release = text(root, "release");
        if (!RELEASE_ID.matcher(release).matches()) {
            throw new IllegalArgumentException("its release id '" + shown(release) + "' is not one Turret makes");
        }
        String suffix = text(root, "suffix");
        if (!TAG.matcher(suffix).matches()) {
            throw new IllegalArgumentException("its suffix '" + shown(suffix) + "' is not a tag");
        }
        String stateName = text(root, "state");
        State state;
        try {
            state = State.valueOf(stateName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its state '" + shown(stateName) + "' is not one Turret writes (MOVING,"
                    + " COMPLETE, ROLLED_BACK)", e);
        }
        JsonNode moveNodes = root.get("moves");
        if (moveNodes == null || !moveNodes.isArray()) {
            throw new IllegalArgumentException("it has no list of moves");
        }
        List<TagMove> moves = new ArrayList<>();
        for (JsonNode node : moveNodes) {
            String service = text(node, "service");
            JsonNode previous = node.path("previous");
            if (!previous.isNull() && !previous.isMissingNode() && !previous.isTextual()) {
                throw new IllegalArgumentException("the previous digest of service '" + shown(service) + "' is not text");
            }
            moves.add(new TagMove(service, text(node, "repository"), digest(text(node, "digest"), service),
                    previous.isTextual() ? Optional.of(digest(previous.asText(), service)) : Optional.empty()));
        }
        return new ReleaseJournal(release, suffix, state, moves, mover(root));
    }

    private static Optional<Mover> mover(JsonNode root) {
        JsonNode owner = root.get("owner");
        if (owner == null || owner.isNull()) {
            return Optional.empty();
        }
        JsonNode pid = owner.path("pid");
        JsonNode started = owner.path("started");
        if (!pid.canConvertToLong() || !started.canConvertToLong()) {
            throw new IllegalArgumentException("its owner has no process id or start time");
        }
        try {
            return Optional.of(new Mover(new Owner(text(owner, "host"), pid.asLong(), started.asLong()),
                    Instant.parse(text(root, "since"))));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("its time 'since' is not an instant", e);
        }
    }

    private static Digest digest(String text, String service) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("service '" + shown(service) + "': " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("it has no " + field);
        }
        return value.asText();
    }

    /** A value shown in a message: cut short and on one line, since it came from whoever wrote the journal. */
    private static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
