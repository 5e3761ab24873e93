package io.turret.goal;

import io.turret.docker.RunResources;
import io.turret.image.ImagesJson;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;

/**
 * turret:integration-test: the environment up, every runner against it, the environment down.
 *
 * @param environment the environment as configured, before the images turret:assemble made are known
 */
public record IntegrationTestGoal(EnvironmentSettings environment) implements Goal {
    @Override
    public void run(RunContext context) {
        EnvironmentSettings settings = assembled(environment, context.workspace());
        try (RunResources run = context.openRun()) {
            new IntegrationTests(context.engine(), context.log(), context.liveness(), context.reuse()).run(settings, run);
        }
    }

    /** The environment with each service on the image images.json, from an earlier turret:assemble, names. */
    static EnvironmentSettings assembled(EnvironmentSettings environment, Workspace workspace) {
        return environment.withServiceImages(ImagesJson.imageIds(workspace.imagesJson())).requireServiceImages();
    }
}
