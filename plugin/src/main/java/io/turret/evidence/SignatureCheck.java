package io.turret.evidence;

import io.turret.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * Whether a tag's manifest carries a signature by the verify key's pair that names exactly that
 * manifest and that image's repository. Pure: the signatures are fetched by {@link CosignSignatures}.
 */
public final class SignatureCheck {
    private SignatureCheck() {
    }

    /**
     * @param dockerReference {@code HOST/REPOSITORY} the signature must name
     * @return why the manifest is not signed as it must be; empty when a signature verifies
     */
    public static Optional<String> problem(List<AttachedSignature> signatures, VerifyKey key, String dockerReference,
            Digest digest) {
        if (signatures.isEmpty()) {
            return Optional.of("no signature of " + digest + " (no tag " + CosignSignatures.tag(digest) + ")");
        }
        String why = "its signature does not verify with " + key.file() + " (signed with another key, or altered)";
        for (AttachedSignature signature : signatures) {
            if (!key.verifies(signature.payload(), signature.signature())) {
                continue;
            }
            SimpleSigning payload;
            try {
                payload = SimpleSigning.parse(signature.payload());
            } catch (IllegalArgumentException e) {
                why = "its signature verifies, but " + e.getMessage();
                continue;
            }
            if (!payload.digest().equals(digest)) {
                why = "its signature names " + payload.digest() + ", not the tag's " + digest;
            } else if (!payload.dockerReference().equals(dockerReference)) {
                why = "its signature names " + payload.dockerReference() + ", not " + dockerReference;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(why);
    }
}
