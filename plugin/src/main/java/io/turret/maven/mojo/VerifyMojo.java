package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.VerifyGoal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks that every service's {@code suffix} tag points at a manifest signed by the pair of
 * {@code <verifyKey>} (cosign's layout), naming that manifest and its repository; fails naming
 * each service that is not, and why. Reads only; needs only the pom.
 */
@Mojo(name = "verify", threadSafe = true)
public class VerifyMojo extends ImageMojo {
    @Override
    String goal() {
        return "verify";
    }

    @Override
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    Goal mapped() {
        return new VerifyGoal(ConfigurationMapper.naming(this), ConfigurationMapper.repositories(this));
    }
}
