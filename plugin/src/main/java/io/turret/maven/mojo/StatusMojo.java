package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.StatusGoal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * What each service's suffix tag points at in the registry, which release put it there, and
 * whether a release of that suffix is unfinished. Reads only; needs only the pom.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends ImageMojo {
    @Override
    String goal() {
        return "status";
    }

    @Override
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    Goal mapped() {
        return new StatusGoal(ConfigurationMapper.naming(this), ConfigurationMapper.repositories(this));
    }
}
