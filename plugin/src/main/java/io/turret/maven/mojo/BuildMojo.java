package io.turret.maven.mojo;

import io.turret.goal.BuildGoal;
import io.turret.goal.Goal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles and tests each builder's sources inside its builder image: sources in as a tar
 * stream, the script run with its log streamed, outputs back into {@code target/turret/build/NAME/}.
 * A failing script fails the build; every builder writes {@code target/turret/reports/TEST-build-NAME.xml}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends TurretMojo {
    /** Skips turret:build. */
    @Parameter(property = Properties.BUILD_SKIP, defaultValue = "false")
    boolean skipBuild;

    @Override
    String goal() {
        return "build";
    }

    @Override
    Optional<String> skippedBy() {
        return skippedBy(skipBuild, Properties.BUILD_SKIP);
    }

    @Override
    Goal mapped() {
        return new BuildGoal(ConfigurationMapper.build(this));
    }
}
