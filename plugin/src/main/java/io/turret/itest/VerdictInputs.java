package io.turret.itest;

import io.turret.builder.BuilderInputs;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.oci.Digest;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.Fingerprint;
import java.util.List;
import java.util.Optional;

/**
 * The key of what the integration tests' verdict depends on: the platform the services ran as, every
 * test container's exact image id and configuration, and every runner's inputs (as a builder's: sources by content, image id,
 * script, environment) with its reports folder. Empty when an image is not in the engine yet: its
 * id is unknown, so nothing can be reused.
 */
final class VerdictInputs {
    private static final String FORMAT = "turret-verdict-1";

    private VerdictInputs() {
    }

    /** @param sources the content keys of the runners' sources' files */
    static Optional<String> key(EnvironmentSettings settings, DockerAccess docker, ContentKeys sources) {
        Fingerprint key = new Fingerprint(FORMAT);
        // a verdict of another platform's environment is its own; without a platform the key is as it always was
        settings.platform().ifPresent(platform -> key.add("platform", List.of(platform.toString())));
        for (TestContainerSpec container : settings.containers()) {
            Optional<Digest> imageId = container.service() != null
                    ? Optional.of(settings.serviceImage(container.name(), container.service()))
                    : imageId(docker, container.image());
            if (imageId.isEmpty()) {
                return Optional.empty();
            }
            key.add("container", List.of(container.name(), String.valueOf(container.service()), imageId.get().toString(),
                    container.alias(), container.readiness().describe(), container.timeout().toString()))
                    .add("command", container.command())
                    .add("environment", container.environment())
                    .add("ports", container.ports().stream().map(String::valueOf).toList())
                    .add("dependsOn", container.dependsOn());
        }
        for (RunnerSpec runner : settings.runners()) {
            Optional<Digest> imageId = imageId(docker, runner.image());
            if (imageId.isEmpty()) {
                return Optional.empty();
            }
            key.add("runner", List.of(runner.name(), runner.reports(), BuilderInputs.key(runner, imageId.get(),
                    settings.build().projectDirectory(), settings.build().buildDirectory(), sources)));
        }
        return Optional.of(key.key());
    }

    private static Optional<Digest> imageId(DockerAccess docker, String image) {
        return docker.inspectImage(image).map(EngineImage::id);
    }
}
