package io.turret.maven.mojo;

import io.turret.goal.CheckGoal;
import io.turret.goal.Goal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The registry check that {@code turret:release} makes first, as a goal of its own (a pipeline's
 * first stage): the registry answers over verified TLS, accepts the credential, and lets it push
 * to every service's repository. Needs only the pom.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends ImageMojo {
    @Override
    String goal() {
        return "check";
    }

    @Override
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    Goal mapped() {
        return new CheckGoal(ConfigurationMapper.naming(this), ConfigurationMapper.repositories(this));
    }
}
