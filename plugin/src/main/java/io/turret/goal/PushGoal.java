package io.turret.goal;

import io.turret.image.ImageNaming;
import io.turret.image.ImagesJson;
import io.turret.itest.TestedImages;
import io.turret.push.TestedIds;
import io.turret.registry.RegistryClient;
import java.util.Map;

/**
 * turret:push: what images.json and tested.json (from earlier goals, or another agent's) name,
 * each image only if it is the one tested; then release.json.
 *
 * @param repositories each service's repository, from the pom
 */
public record PushGoal(ImageNaming naming, Map<String, String> repositories, int threads) implements Goal {
    @Override
    public void run(RunContext context) {
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        RegistryClient registry = release.client();
        registry.ping();
        release.repairUnfinishedRelease(registry, repositories);
        Workspace workspace = context.workspace();
        release.pushAndRecord(registry, ImagesJson.read(workspace.imagesJson()), TestedIds.anyPlatform(
                TestedImages.read(workspace.testedJson())),
                () -> TestedImages.verdict(workspace.testedJson()), threads);
    }
}
