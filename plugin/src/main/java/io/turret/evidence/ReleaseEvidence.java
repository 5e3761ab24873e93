package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.attest.Attestations;
import io.turret.evidence.attest.Dsse;
import io.turret.evidence.attest.SlsaProvenance;
import io.turret.evidence.attest.Statement;
import io.turret.evidence.attest.TestVerdict;
import io.turret.evidence.sbom.CycloneDx;
import io.turret.evidence.sbom.ImageInventory;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Causes;
import io.turret.files.JsonFiles;
import io.turret.image.AssembledImage;
import io.turret.image.ImageTarball;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.push.BeforeTags;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The push's step before the tags, when a signing key is configured: each image's SBOM made from
 * its tarball (also written to {@code target/turret/sbom/SERVICE.cdx.json}), its provenance, test
 * verdict and SBOM attached as signed DSSE envelopes ({@code sha256-HEX.att}), and its signature
 * ({@code sha256-HEX.sig}). A release cut short after this step has them all: its repair moves tags
 * to manifests that carry their evidence.
 */
public final class ReleaseEvidence implements BeforeTags {
    private final RegistryClient registry;
    private final SigningKey key;
    private final Map<String, AssembledImage> images;
    private final Map<String, Digest> tested;
    private final ReleaseFacts facts;
    private final JsonNode verdict;
    private final Path sbomFolder;
    private final Log log;

    /**
     * @param images the images pushed, by service
     * @param tested service → the image id the test environment ran
     * @param verdict the verdict as release.json records it
     * @param sbomFolder {@code target/turret/sbom}
     */
    public ReleaseEvidence(RegistryClient registry, SigningKey key, List<AssembledImage> images,
            Map<String, Digest> tested, ReleaseFacts facts, JsonNode verdict, Path sbomFolder, Log log) {
        this.registry = registry;
        this.key = key;
        this.images = images.stream().collect(java.util.stream.Collectors.toMap(AssembledImage::service, image -> image));
        this.tested = Map.copyOf(tested);
        this.facts = facts;
        this.verdict = verdict;
        this.sbomFolder = sbomFolder;
        this.log = log;
    }

    public static Path sbomFile(Path sbomFolder, String service) {
        return sbomFolder.resolve(service + ".cdx.json");
    }

    @Override
    public void attach(String service, String repository, Digest digest) {
        AssembledImage image = images.get(service);
        String name = registry.registry() + "/" + repository;
        ObjectNode bom;
        ReleaseFacts known = facts;
        try {
            ImageTarball tarball = ImageTarball.read(image.tarball());
            bom = CycloneDx.bom(ImageInventory.of(tarball), name, digest, facts.turretVersion());
            if (facts.platforms().isEmpty()) { // tested by earlier goals: the tested image id runs only as its config's platform
                known = facts.withPlatforms(platformOf(tarball).map(List::of).orElse(List.of()));
            }
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + image.tarball() + " for its SBOM: " + Causes.describe(e), e);
        }
        JsonFiles.write(sbomFile(sbomFolder, service), bom);
        Instant finished = Instant.now();
        List<Attestations.Envelope> envelopes = List.of(
                envelope(name, digest, SlsaProvenance.PREDICATE_TYPE, SlsaProvenance.predicate(known, service, image.imageId(),
                        finished)),
                envelope(name, digest, TestVerdict.PREDICATE_TYPE, TestVerdict.predicate(known, service, image.imageId(), tested,
                        verdict)),
                envelope(name, digest, CycloneDx.PREDICATE_TYPE, bom));
        new Attestations(registry).attach(repository, digest, envelopes);
        new CosignSignatures(registry).sign(repository, digest, key);
        log.info("[" + service + "] signed " + repository + "@" + digest + " (" + CosignSignatures.tag(digest) + ") and attested"
                + " its provenance, test verdict and SBOM of " + bom.path("components").size() + " components ("
                + Attestations.tag(digest) + ")");
    }

    /** The platform an image's config names ({@code os}, {@code architecture}, {@code variant}). */
    static Optional<Platform> platformOf(ImageTarball tarball) throws IOException {
        JsonNode config;
        try (InputStream in = tarball.config().content().open(0, tarball.config().size())) {
            config = JSON.readTree(in);
        }
        try {
            String variant = config.path("variant").asText("");
            return Optional.of(new Platform(config.path("os").asText(), config.path("architecture").asText(),
                    variant.isEmpty() ? Optional.empty() : Optional.of(variant)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Attestations.Envelope envelope(String name, Digest digest, String predicateType, JsonNode predicate) {
        return new Attestations.Envelope(predicateType,
                Dsse.sign(new Statement(name, digest, predicateType, predicate).toJson(), key));
    }
}
