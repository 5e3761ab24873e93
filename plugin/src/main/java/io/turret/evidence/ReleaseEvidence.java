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
import io.turret.push.TestedIds;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    private final Map<String, List<AssembledImage>> images;
    private final TestedIds tested;
    private final ReleaseFacts facts;
    private final JsonNode verdict;
    private final Path sbomFolder;
    private final Log log;

    /**
     * @param images the images pushed: one per service, or one per service and platform
     * @param tested the image ids the test environment ran, per platform
     * @param verdict the verdict as release.json records it
     * @param sbomFolder {@code target/turret/sbom}
     */
    public ReleaseEvidence(RegistryClient registry, SigningKey key, List<AssembledImage> images,
            TestedIds tested, ReleaseFacts facts, JsonNode verdict, Path sbomFolder, Log log) {
        this.registry = registry;
        this.key = key;
        this.images = images.stream().collect(Collectors.groupingBy(AssembledImage::service, LinkedHashMap::new,
                Collectors.toList()));
        this.tested = tested;
        this.facts = facts;
        this.verdict = verdict;
        this.sbomFolder = sbomFolder;
        this.log = log;
    }

    public static Path sbomFile(Path sbomFolder, String service) {
        return sbomFolder.resolve(service + ".cdx.json");
    }

    /** @param digest the service's image manifest, or the index of its platforms' manifests */
    @Override
    public void attach(String service, String repository, Digest digest) {
        List<AssembledImage> platforms = images.get(service);
        String name = registry.registry() + "/" + repository;
        List<Attestations.Envelope> envelopes = new ArrayList<>();
        int components = 0;
        if (platforms.size() == 1) {
            AssembledImage image = platforms.get(0);
            ImageTarball tarball = read(image);
            ReleaseFacts known = facts.platforms().isEmpty() // tested by earlier goals: the tested id runs only as its config's platform
                    ? facts.withPlatforms(platformOf(image, tarball).map(List::of).orElse(List.of())) : facts;
            ObjectNode bom = sbom(tarball, name, digest, sbomFile(sbomFolder, service));
            components = bom.path("components").size();
            envelopes.add(envelope(name, digest, SlsaProvenance.PREDICATE_TYPE, SlsaProvenance.predicate(known, service,
                    image.imageId(), Instant.now())));
            envelopes.add(envelope(name, digest, TestVerdict.PREDICATE_TYPE, TestVerdict.predicate(known, service, image.imageId(),
                    tested.on(image.platform()), verdict)));
            envelopes.add(envelope(name, digest, CycloneDx.PREDICATE_TYPE, bom));
        } else {
            // an index: its provenance and verdict name every platform's image; an SBOM per platform, each from that image's bytes
            Map<Platform, Digest> imageIds = new LinkedHashMap<>();
            Map<Platform, Map<String, Digest>> environments = new LinkedHashMap<>();
            List<ObjectNode> boms = new ArrayList<>();
            for (AssembledImage image : platforms) {
                imageIds.put(image.platform(), image.imageId());
                if (!tested.on(image.platform()).isEmpty()) {
                    environments.put(image.platform(), tested.on(image.platform()));
                }
                ObjectNode bom = sbom(read(image), name, image.digest(), sbomFolder.resolve(service + "."
                        + image.platform().toString().replace('/', '-') + ".cdx.json"));
                components += bom.path("components").size();
                boms.add(bom);
            }
            envelopes.add(envelope(name, digest, SlsaProvenance.PREDICATE_TYPE, SlsaProvenance.predicate(facts, service,
                    platforms.get(0).imageId(), Instant.now())));
            envelopes.add(envelope(name, digest, TestVerdict.PREDICATE_TYPE, TestVerdict.indexPredicate(facts, service, imageIds,
                    environments, verdict)));
            boms.forEach(bom -> envelopes.add(envelope(name, digest, CycloneDx.PREDICATE_TYPE, bom)));
        }
        new Attestations(registry).attach(repository, digest, envelopes);
        new CosignSignatures(registry).sign(repository, digest, key);
        log.info("[" + service + "] signed " + repository + "@" + digest + " (" + CosignSignatures.tag(digest) + ") and attested"
                + " its provenance, test verdict and SBOM" + (platforms.size() == 1 ? "" : "s of " + platforms.size() + " platforms")
                + " of " + components + " components (" + Attestations.tag(digest) + ")");
    }

    private static ImageTarball read(AssembledImage image) {
        try {
            return ImageTarball.read(image.tarball());
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + image.tarball() + " for its SBOM: " + Causes.describe(e), e);
        }
    }

    private ObjectNode sbom(ImageTarball tarball, String name, Digest digest, Path file) {
        try {
            ObjectNode bom = CycloneDx.bom(ImageInventory.of(tarball), name, digest, facts.turretVersion());
            JsonFiles.write(file, bom);
            return bom;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + tarball + " for its SBOM: " + Causes.describe(e), e);
        }
    }

    private static Optional<Platform> platformOf(AssembledImage image, ImageTarball tarball) {
        try {
            return platformOf(tarball);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + image.tarball() + "'s config: " + Causes.describe(e), e);
        }
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
