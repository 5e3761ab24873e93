package io.turret.goal;

import io.turret.image.ImageNaming;
import io.turret.tagging.ReleaseStatus;
import java.util.Map;

/** turret:status: what each service's suffix tag points at, which release put it there, and any unfinished release. */
public record StatusGoal(ImageNaming naming, Map<String, String> repositories) implements Goal {
    @Override
    public void run(RunContext context) {
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        new ReleaseStatus(release.tags(release.client()), context.liveness()).report(naming.suffix().value(), repositories)
                .forEach(context.log()::info);
    }
}
