package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.oci.Digest;
import java.io.IOException;
import java.util.Optional;

/**
 * An in-toto v1 statement: a predicate about one subject, the image ({@code HOST/REPOSITORY} and
 * the manifest digest its tag points at).
 */
public record Statement(String subjectName, Digest subject, String predicateType, JsonNode predicate) {
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    public byte[] toJson() {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("_type", TYPE);
        ObjectNode subjectNode = statement.putArray("subject").addObject();
        subjectNode.put("name", subjectName);
        subjectNode.putObject("digest").put("sha256", subject.hex());
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        try {
            return JSON.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    /** The statement in {@code json} whose subjects include {@code digest}; empty when it is none or names another. */
    public static Optional<Statement> about(byte[] json, Digest digest) {
        JsonNode statement;
        try {
            statement = JSON.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (statement == null || !TYPE.equals(statement.path("_type").asText())) {
            return Optional.empty();
        }
        for (JsonNode subjectNode : statement.path("subject")) {
            if (digest.hex().equals(subjectNode.path("digest").path("sha256").asText())) {
                return Optional.of(new Statement(subjectNode.path("name").asText(), digest,
                        statement.path("predicateType").asText(), statement.path("predicate")));
            }
        }
        return Optional.empty();
    }
}
