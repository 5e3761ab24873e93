package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.PushGoal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes every service's image, exactly as assembled and integration-tested, to
 * {@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}: all blobs and manifests first, the suffix tags last.
 * Refuses an image whose id is not the one the integration tests ran. Writes {@code target/turret/release.json}.
 * Needs only the pom and {@code target/turret/}: a Jenkins stage on another agent can push what it unstashed.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends ImageMojo {
    /** Skips turret:push. */
    @Parameter(property = Properties.PUSH_SKIP, defaultValue = "false")
    boolean skipPush;

    @Override
    String goal() {
        return "push";
    }

    @Override
    Optional<String> skippedBy() {
        return skippedBy(skipPush, Properties.PUSH_SKIP);
    }

    /** Reads the services' names alone, and no builder: a push needs no source folder. */
    @Override
    Goal mapped() {
        return new PushGoal(ConfigurationMapper.naming(this), ConfigurationMapper.repositories(this),
                ConfigurationMapper.threads(this));
    }
}
