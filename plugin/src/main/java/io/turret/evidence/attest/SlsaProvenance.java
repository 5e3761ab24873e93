package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.ImageUse;
import io.turret.evidence.ReleaseFacts;
import io.turret.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The SLSA provenance v1 predicate of a release's image: Turret's build type, the builders (their
 * images by id, their scripts), the source revision and whether the tree was dirty, the pom's hash,
 * Turret's version and when the release ran.
 */
public final class SlsaProvenance {
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILD_TYPE = "https://turret.io/buildtypes/release/v1";

    private SlsaProvenance() {
    }

    /** @param imageId the config digest of the image this provenance is about */
    public static ObjectNode predicate(ReleaseFacts facts, String service, Digest imageId, Instant finished) {
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        external.put("service", service);
        facts.configuration().ifPresent(pom -> external.putObject("configuration").put("uri", "pom.xml")
                .putObject("digest").put("sha256", pom.hex()));
        ObjectNode source = external.putObject("source");
        facts.revision().ifPresent(commit -> source.put("revision", commit));
        source.put("dirty", facts.dirty());
        ArrayNode builders = external.putArray("builders");
        for (ImageUse builder : facts.builders()) {
            ObjectNode node = builders.addObject();
            node.put("name", builder.name());
            node.put("image", builder.image());
            builder.script().ifPresent(script -> {
                node.put("script", script);
                node.put("scriptSha256", Digest.of(script.getBytes(StandardCharsets.UTF_8)).hex());
            });
        }
        definition.putObject("internalParameters").put("imageId", imageId.toString());
        ArrayNode dependencies = definition.putArray("resolvedDependencies");
        facts.revision().ifPresent(commit -> {
            ObjectNode node = dependencies.addObject();
            node.put("name", "source");
            node.putObject("digest").put("gitCommit", commit);
        });
        for (ImageUse builder : facts.builders()) {
            ObjectNode node = dependencies.addObject();
            node.put("name", "builder:" + builder.name());
            node.put("uri", "docker://" + builder.image());
            builder.imageId().ifPresent(id -> node.putObject("digest").put("sha256", id.hex()));
        }
        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", "https://turret.io/turret-maven-plugin@" + facts.turretVersion());
        builder.putObject("version").put("turret-maven-plugin", facts.turretVersion());
        ObjectNode metadata = run.putObject("metadata");
        metadata.put("invocationId", facts.releaseId());
        metadata.put("startedOn", facts.started().toString());
        metadata.put("finishedOn", finished.toString());
        return predicate;
    }
}
