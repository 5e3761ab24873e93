package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.SigningKey;
import io.turret.evidence.VerifyKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Dead Simple Signing Envelopes (DSSE v1): a payload, its type, and signatures over the
 * pre-authentication encoding {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, so that
 * neither the type nor the body can be changed without the signature failing.
 */
public final class Dsse {
    public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private Dsse() {
    }

    /** The bytes a DSSE signature is over. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An envelope of an in-toto statement, signed with {@code key}: its JSON bytes. */
    public static byte[] sign(byte[] statement, SigningKey key) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("payloadType", IN_TOTO);
        envelope.put("payload", Base64.getEncoder().encodeToString(statement));
        ObjectNode signature = envelope.putArray("signatures").addObject();
        signature.put("keyid", "");
        signature.put("sig", Base64.getEncoder().encodeToString(key.sign(pae(IN_TOTO, statement))));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    /** The statement an envelope carries, when one of its signatures verifies with {@code key}; empty otherwise. */
    public static Optional<byte[]> verifiedPayload(byte[] envelope, VerifyKey key) {
        JsonNode json;
        byte[] payload;
        try {
            json = JSON.readTree(envelope);
            payload = Base64.getDecoder().decode(json.path("payload").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] signed = pae(json.path("payloadType").asText(""), payload);
        for (JsonNode signature : json.path("signatures")) {
            try {
                if (key.verifies(signed, Base64.getDecoder().decode(signature.path("sig").asText("")))) {
                    return Optional.of(payload);
                }
            } catch (IllegalArgumentException e) {
                // not base64: verifies nothing
            }
        }
        return Optional.empty();
    }
}
