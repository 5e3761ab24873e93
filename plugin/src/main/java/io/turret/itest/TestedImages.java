package io.turret.itest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code target/turret/tested.json}: the image id of every service the integration tests ran,
 * written only when they all passed. turret:push refuses an image whose id is not the one here.
 */
public final class TestedImages {
    private TestedImages() {
    }

    static Verdict record(Path file, RunningEnvironment environment) {
        java.util.Map<String, Digest> tested = new java.util.LinkedHashMap<>();
        environment.containers().stream().filter(container -> container.service() != null)
                .forEach(container -> tested.put(container.service(), Digest.parse(container.image(), "The test container '"
                        + container.name() + "' ran the image of the service '" + container.service() + "'")));
        return record(file, environment.runId(), tested, false);
    }

    /**
     * @param runId the run whose integration tests passed against these images
     * @param reused whether this run reused that verdict instead of running the tests
     */
    static Verdict record(Path file, String runId, java.util.Map<String, Digest> tested, boolean reused) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId);
        root.put("reused", reused);
        ObjectNode services = root.putObject("services");
        tested.forEach((service, imageId) -> services.put(service, imageId.toString()));
        JsonFiles.write(file, root);
        return new Verdict(runId, reused, tested);
    }

    /**
     * The verdict as release.json records it: {@code passed}, the run that tested the images, and
     * whether this release reused that run's verdict.
     */
    public static ObjectNode verdict(Path file) {
        try {
            var tested = JSON.readTree(file.toFile());
            return Verdict.json(tested.path("runId").asText(), tested.path("reused").asBoolean(false));
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + ": " + Causes.describe(e), e);
        }
    }

    /** Service → the image id its integration tests ran; empty when they have not passed. */
    public static java.util.Map<String, Digest> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Map.of();
        }
        try {
            java.util.Map<String, Digest> tested = new java.util.LinkedHashMap<>();
            JSON.readTree(file.toFile()).path("services").fields().forEachRemaining(service -> tested.put(service.getKey(),
                    Digest.parse(service.getValue().asText(), file + ", service " + service.getKey())));
            return tested;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + ": " + Causes.describe(e), e);
        }
    }

    static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot remove " + file + ": " + Causes.describe(e), e);
        }
    }
}
