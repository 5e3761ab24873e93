package io.turret.maven.mojo;

import io.turret.failure.UserFailure;
import io.turret.goal.Goal;
import io.turret.goal.ReleasePipeline;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The release: checks the registry (TLS and the credential first; push access while the builders
 * run, which a refusal stops), then build, assemble, integration tests and, only when all of them
 * passed, the push of every image with the suffix. Stops at the first failure; writes
 * {@code target/turret/release.json} and ends with a table of what was pushed.
 */
@Mojo(name = "release", threadSafe = true)
public class ReleaseMojo extends EnvironmentMojo {
    static final String SKIPPED_TESTS = "turret:release always runs its integration tests, and -D" + Properties.IT_SKIP
            + "=true would skip them: drop -D" + Properties.IT_SKIP + " (<skipIntegrationTests>) to release, or skip the whole"
            + " release with -D" + Properties.SKIP + "=true.";

    @Override
    String goal() {
        return "release";
    }

    /** A release never skips its tests: turret.it.skip, which skips start, integration-test and stop, is refused. */
    @Override
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    Goal mapped() {
        if (skipIntegrationTests) {
            throw new UserFailure(SKIPPED_TESTS);
        }
        return new ReleasePipeline(ConfigurationMapper.build(this), ConfigurationMapper.images(this),
                ConfigurationMapper.environment(this), ConfigurationMapper.repositories(this));
    }
}
