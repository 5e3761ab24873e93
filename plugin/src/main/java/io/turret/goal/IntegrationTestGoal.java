package io.turret.goal;

import io.turret.docker.RunResources;
import io.turret.image.AssembledImage;
import io.turret.image.ImagesJson;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * turret:integration-test: the environment up, every runner against it, the environment down; once per tested
 * platform, each time with that platform's images, and then tested-platforms.json for turret:push.
 *
 * @param environment the environment as configured, before the images turret:assemble made are known
 */
public record IntegrationTestGoal(EnvironmentSettings environment) implements Goal {
    @Override
    public void run(RunContext context) {
        Path file = context.workspace().imagesJson();
        if (ImagesJson.read(file).stream().map(AssembledImage::platform).distinct().count() <= 1) {
            EnvironmentSettings settings = environment.withServiceImages(ImagesJson.imageIds(file)).requireServiceImages();
            try (RunResources run = context.openRun()) {
                new IntegrationTests(context.engine(), context.log(), context.liveness(), context.reuse()).run(settings, run);
            }
            return;
        }
        ReleasePlatforms platforms = context.platforms(environment.build().platforms());
        Map<Platform, EnvironmentSettings> perPlatform = new LinkedHashMap<>();
        platforms.tested().forEach(platform -> perPlatform.put(platform, environment.withServiceImages(
                ImagesJson.imageIds(file, platform)).requireServiceImages()));
        TestedPlatforms.forget(context.workspace());
        Map<Platform, Map<String, Digest>> verdicts = new LinkedHashMap<>();
        try (RunResources run = context.openRun()) {
            perPlatform.forEach((platform, settings) -> {
                context.log().info("Integration tests on " + platform + ": the images of that platform");
                new IntegrationTests(context.engine(), context.log(), context.liveness(), context.reuse()).run(settings, run,
                        verdict -> verdicts.put(platform, verdict.images()));
            });
        }
        TestedPlatforms.write(context.workspace(), verdicts, platforms.untested());
    }

    /** The environment with each service on its image for the first tested platform, as images.json (turret:assemble) names it. */
    static EnvironmentSettings assembled(EnvironmentSettings environment, RunContext context) {
        return environment.withServiceImages(new IntegrationTestGoal(environment).testedImages(context).get(0))
                .requireServiceImages();
    }

    /**
     * Service → image id, once per tested platform, from images.json; the engine is asked which platforms it tests only
     * when images.json holds several.
     */
    private List<Map<String, Digest>> testedImages(RunContext context) {
        Path file = context.workspace().imagesJson();
        if (ImagesJson.read(file).stream().map(AssembledImage::platform).distinct().count() <= 1) {
            return List.of(ImagesJson.imageIds(file));
        }
        ReleasePlatforms platforms = context.platforms(environment.build().platforms());
        return platforms.tested().stream().map(platform -> ImagesJson.imageIds(file, platform)).toList();
    }
}
