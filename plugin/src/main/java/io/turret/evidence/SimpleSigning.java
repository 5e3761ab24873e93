package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.oci.Digest;
import java.io.IOException;

/**
 * The payload cosign signs: "this image reference names this manifest digest", in the
 * simple-signing format of containers/image.
 *
 * @param dockerReference {@code HOST/REPOSITORY}, without tag or digest
 */
public record SimpleSigning(String dockerReference, Digest digest) {
    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String TYPE = "cosign container image signature";

    public byte[] toJson() {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode critical = payload.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", digest.toString());
        critical.put("type", TYPE);
        payload.putNull("optional");
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    /** @throws IllegalArgumentException when it is not a cosign simple-signing payload */
    public static SimpleSigning parse(byte[] json) {
        JsonNode critical;
        try {
            critical = JSON.readTree(json).path("critical");
        } catch (IOException e) {
            throw new IllegalArgumentException("its payload is not JSON");
        }
        if (!TYPE.equals(critical.path("type").asText())) {
            throw new IllegalArgumentException("its payload is not a cosign container image signature");
        }
        return new SimpleSigning(critical.path("identity").path("docker-reference").asText(),
                Digest.tryParse(critical.path("image").path("docker-manifest-digest").asText())
                        .orElseThrow(() -> new IllegalArgumentException("its payload names no manifest digest")));
    }
}
