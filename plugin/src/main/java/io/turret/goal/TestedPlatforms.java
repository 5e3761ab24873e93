package io.turret.goal;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.push.TestedIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code target/turret/tested-platforms.json}: what turret:integration-test of several platforms passed with, per
 * tested platform (each platform's image ids), and the platforms left untested as {@code <testedPlatforms>} asked;
 * written only when every platform passed, read by turret:push. {@code tested.json} keeps the last platform's verdict.
 */
final class TestedPlatforms {
    private TestedPlatforms() {
    }

    static Path file(Workspace workspace) {
        return workspace.turret().resolve("tested-platforms.json");
    }

    static void forget(Workspace workspace) {
        try {
            Files.deleteIfExists(file(workspace));
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot remove " + file(workspace) + ": " + Causes.describe(e), e);
        }
    }

    static void write(Workspace workspace, Map<Platform, Map<String, Digest>> tested, List<Platform> untested) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode platforms = root.putObject("platforms");
        tested.forEach((platform, ids) -> {
            ObjectNode services = platforms.putObject(platform.toString());
            ids.forEach((service, id) -> services.put(service, id.toString()));
        });
        untested.forEach(platform -> root.withArray("untested").add(platform.toString()));
        JsonFiles.write(file(workspace), root);
    }

    /** What the last turret:integration-test of several platforms passed with; empty when there is none. */
    static Optional<TestedIds> read(Workspace workspace) {
        Path file = file(workspace);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<Platform, Map<String, Digest>> tested = new LinkedHashMap<>();
            root.path("platforms").fields().forEachRemaining(platform -> {
                Map<String, Digest> ids = new LinkedHashMap<>();
                platform.getValue().fields().forEachRemaining(service -> ids.put(service.getKey(), Digest.parse(service.getValue()
                        .asText(), file + ", " + platform.getKey() + ", service " + service.getKey())));
                tested.put(Platform.parse(platform.getKey()), ids);
            });
            List<Platform> untested = new ArrayList<>();
            root.path("untested").forEach(platform -> untested.add(Platform.parse(platform.asText())));
            return Optional.of(new TestedIds(tested, untested));
        } catch (IOException | IllegalArgumentException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + Causes.describe(e) + "); run turret:integration-test"
                    + " again.", e);
        }
    }
}
