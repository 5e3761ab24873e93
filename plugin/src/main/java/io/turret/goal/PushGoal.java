package io.turret.goal;

import io.turret.evidence.ReleaseFacts;
import io.turret.image.AssembledImage;
import io.turret.image.ImageNaming;
import io.turret.image.ImagesJson;
import io.turret.itest.TestedImages;
import io.turret.push.TestedIds;
import io.turret.registry.RegistryClient;
import java.util.List;
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
        List<AssembledImage> images = ImagesJson.read(workspace.imagesJson());
        boolean several = images.stream().map(AssembledImage::platform).distinct().count() > 1;
        // of several platforms, what turret:integration-test recorded for each; else the one verdict of tested.json
        TestedIds tested = several ? TestedPlatforms.read(workspace).orElseGet(() -> TestedIds.anyPlatform(Map.of()))
                : TestedIds.anyPlatform(TestedImages.read(workspace.testedJson()));
        release.pushAndRecord(registry, images, tested, () -> TestedImages.verdict(workspace.testedJson()),
                releaseId -> ReleaseFacts.pushedAlone(workspace.projectDirectory(), releaseId), threads);
    }
}
