package io.turret.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intent of a release, written before its first tag moves and marked finished after its last:
 * a release whose journal still says {@link State#MOVING} was cut short, and the next run repairs it.
 *
 * @param release the id of the run that wrote it
 */
public record ReleaseJournal(String release, String suffix, State state, List<TagMove> moves) {
    /** How far the release got. */
    public enum State {
        /** Tags may be moving: a journal left in this state belongs to a release that did not finish. */
        MOVING,
        /** Every tag points at the release's manifests. */
        COMPLETE,
        /** Every tag is back where it was before the release (or deleted, when it was new). */
        ROLLED_BACK
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReleaseJournal {
        moves = List.copyOf(moves);
    }

    public ReleaseJournal withState(State next) {
        return new ReleaseJournal(release, suffix, next, moves);
    }

    public boolean unfinished() {
        return state == State.MOVING;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("release", release);
        root.put("suffix", suffix);
        root.put("state", state.name());
        var services = root.putArray("moves");
        for (TagMove move : moves) {
            ObjectNode node = services.addObject();
            node.put("service", move.service());
            node.put("repository", move.repository());
            node.put("digest", move.digest());
            move.previous().ifPresentOrElse(previous -> node.put("previous", previous), () -> node.putNull("previous"));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a journal is always JSON", e);
        }
    }

    /** Reads a journal; an unreadable one is refused, never guessed at. */
    public static ReleaseJournal fromJson(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            List<TagMove> moves = new ArrayList<>();
            for (JsonNode node : required(root, "moves")) {
                JsonNode previous = node.path("previous");
                moves.add(new TagMove(required(node, "service").asText(), required(node, "repository").asText(),
                        required(node, "digest").asText(),
                        previous.isTextual() ? Optional.of(previous.asText()) : Optional.empty()));
            }
            return new ReleaseJournal(required(root, "release").asText(), required(root, "suffix").asText(),
                    State.valueOf(required(root, "state").asText()), moves);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a Turret release journal: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("it has no " + field);
        }
        return value;
    }
}
