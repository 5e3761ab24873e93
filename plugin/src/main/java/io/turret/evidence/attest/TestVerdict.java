package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.ImageUse;
import io.turret.evidence.ReleaseFacts;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turret's test verdict predicate (docs/evidence.md): that the integration tests passed against this
 * very image on each platform, the runners and test containers by image id, the tests' counts where
 * the runners wrote JUnit reports, and every image id the environment ran.
 */
public final class TestVerdict {
    public static final String PREDICATE_TYPE = "https://turret.io/attestations/test-verdict/v1";

    private TestVerdict() {
    }

    /**
     * @param imageId the id (config digest) of the image this verdict is about, as the tests ran it
     * @param environment service → the image id the test environment ran, for every service
     * @param verdict the verdict as release.json records it ({@code verdict}, {@code testedBy}, {@code reused})
     */
    public static ObjectNode predicate(ReleaseFacts facts, String service, Digest imageId, Map<String, Digest> environment,
            JsonNode verdict) {
        ObjectNode predicate = JSON.createObjectNode();
        String outcome = verdict.path("verdict").asText("passed");
        predicate.put("verdict", outcome);
        predicate.put("service", service);
        predicate.put("imageId", imageId.toString());
        predicate.put("testedBy", verdict.path("testedBy").asText(facts.releaseId()));
        predicate.put("reused", verdict.path("reused").asBoolean(false));
        ArrayNode platforms = predicate.putArray("platforms");
        for (Platform platform : facts.platforms()) {
            ObjectNode node = platforms.addObject();
            node.put("platform", platform.toString());
            node.put("verdict", outcome);
        }
        runnersAndTests(predicate, facts);
        ObjectNode ran = predicate.putObject("environment").putObject("images");
        new TreeMap<>(environment).forEach((name, id) -> ran.put(name, id.toString()));
        return predicate;
    }

    /**
     * The verdict of a service's index: per platform, its image id and whether it passed or was released untested
     * ({@code untested}, which {@link #problem} refuses).
     *
     * @param imageIds platform → the id of that platform's image, in the index's order
     * @param environments platform → service → the image id the test environment ran on that platform
     */
    public static ObjectNode indexPredicate(ReleaseFacts facts, String service, Map<Platform, Digest> imageIds,
            Map<Platform, Map<String, Digest>> environments, JsonNode verdict) {
        ObjectNode predicate = JSON.createObjectNode();
        String outcome = verdict.path("verdict").asText("passed");
        predicate.put("verdict", outcome);
        predicate.put("service", service);
        predicate.put("testedBy", verdict.path("testedBy").asText(facts.releaseId()));
        predicate.put("reused", verdict.path("reused").asBoolean(false));
        ArrayNode platforms = predicate.putArray("platforms");
        imageIds.forEach((platform, imageId) -> {
            ObjectNode node = platforms.addObject();
            node.put("platform", platform.toString());
            node.put("imageId", imageId.toString());
            Map<String, Digest> ran = environments.get(platform);
            node.put("verdict", ran == null ? "untested" : outcome);
            if (ran != null) {
                ObjectNode images = node.putObject("environment").putObject("images");
                new TreeMap<>(ran).forEach((name, id) -> images.put(name, id.toString()));
            }
        });
        runnersAndTests(predicate, facts);
        return predicate;
    }

    private static void runnersAndTests(ObjectNode predicate, ReleaseFacts facts) {
        uses(predicate.putArray("runners"), facts.runners());
        uses(predicate.putArray("testContainers"), facts.testContainers());
        facts.tests().ifPresent(tests -> {
            ObjectNode node = predicate.putObject("tests");
            node.put("run", tests.run());
            node.put("failed", tests.failed());
            node.put("skipped", tests.skipped());
        });
    }

    private static void uses(ArrayNode list, List<ImageUse> uses) {
        for (ImageUse use : uses) {
            ObjectNode node = list.addObject();
            node.put("name", use.name());
            node.put("image", use.image());
            use.imageId().ifPresent(id -> node.put("imageId", id.toString()));
        }
    }

    /**
     * Why a verdict does not let its image through; empty when it passed on every platform, against
     * exactly {@code imageId} (the config of the manifest the tag points at; none for an index).
     */
    public static Optional<String> problem(JsonNode predicate, Optional<Digest> imageId) {
        List<String> problems = new ArrayList<>();
        if (!"passed".equals(predicate.path("verdict").asText())) {
            problems.add("its verdict is '" + predicate.path("verdict").asText() + "', not passed");
        }
        imageId.filter(id -> !id.toString().equals(predicate.path("imageId").asText())).ifPresent(id -> problems.add(
                "its verdict is about the image " + predicate.path("imageId").asText() + ", not " + id));
        JsonNode platforms = predicate.path("platforms");
        if (!platforms.isArray() || platforms.isEmpty()) {
            problems.add("its verdict names no platform tested");
        }
        for (JsonNode platform : platforms) {
            if (!"passed".equals(platform.path("verdict").asText())) {
                problems.add("its verdict on " + platform.path("platform").asText() + " is not passed");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
