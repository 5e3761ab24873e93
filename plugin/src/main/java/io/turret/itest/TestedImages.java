package io.turret.itest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code target/turret/tested.json}: the image id of every service the integration tests ran,
 * written only when they all passed. turret:push refuses an image whose id is not the one here.
 */
public final class TestedImages {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestedImages() {
    }

    static void record(Path file, RunningEnvironment environment) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", environment.runId());
        ObjectNode services = root.putObject("services");
        environment.containers().stream().filter(container -> container.service() != null)
                .forEach(container -> services.put(container.service(), container.image()));
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Service → the image id its integration tests ran; empty when they have not passed. */
    public static java.util.Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Map.of();
        }
        try {
            java.util.Map<String, String> tested = new java.util.LinkedHashMap<>();
            JSON.readTree(file.toFile()).path("services").fields()
                    .forEachRemaining(service -> tested.put(service.getKey(), service.getValue().asText()));
            return tested;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
