package io.turret.evidence.attest;

import io.turret.evidence.VerifyKey;
import io.turret.evidence.sbom.CycloneDx;
import io.turret.oci.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a manifest's attestations are as a release writes them: for each of provenance, test
 * verdict and SBOM, an envelope that verifies with the verify key and whose statement names the
 * manifest; and the verdict says passed, on every platform, for the image the manifest holds.
 * Pure: the envelopes are fetched by {@link Attestations}.
 */
public final class AttestationCheck {
    /** The predicates every released image carries. */
    public static final List<String> REQUIRED = List.of(SlsaProvenance.PREDICATE_TYPE, TestVerdict.PREDICATE_TYPE,
            CycloneDx.PREDICATE_TYPE);

    private AttestationCheck() {
    }

    /**
     * @param imageId the config digest of the manifest {@code digest}: the image the verdict must be about (none: an index)
     * @return why the attestations do not let the manifest through; empty when they do
     */
    public static Optional<String> problem(List<Attestations.Envelope> envelopes, VerifyKey key, Digest digest,
            Optional<Digest> imageId) {
        if (envelopes.isEmpty()) {
            return Optional.of("no attestations of " + digest + " (no tag " + Attestations.tag(digest) + ")");
        }
        List<String> problems = new ArrayList<>();
        for (String type : REQUIRED) {
            Optional<Statement> verified = Optional.empty();
            String why = "no " + type + " attestation";
            for (Attestations.Envelope envelope : envelopes) {
                if (!type.equals(envelope.predicateType())) {
                    continue;
                }
                Optional<byte[]> payload = Dsse.verifiedPayload(envelope.json(), key);
                if (payload.isEmpty()) {
                    why = "its " + type + " attestation does not verify with " + key.file() + " (signed with another key, or altered)";
                    continue;
                }
                Optional<Statement> statement = Statement.about(payload.get(), digest);
                if (statement.isEmpty() || !type.equals(statement.get().predicateType())) {
                    why = "its " + type + " attestation verifies, but is not a statement of that type about " + digest;
                    continue;
                }
                verified = statement;
                break;
            }
            if (verified.isEmpty()) {
                problems.add(why);
            } else if (type.equals(TestVerdict.PREDICATE_TYPE)) {
                TestVerdict.problem(verified.get().predicate(), imageId).ifPresent(problems::add);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
