package io.turret.maven.mojo;

import io.turret.goal.AssembleGoal;
import io.turret.goal.Goal;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Assembles one minimal, reproducible image per service with jib-core, from its base and layers
 * of build outputs and project files: {@code target/turret/images/SERVICE.tar}, loaded into the
 * engine as {@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}, and recorded in {@code target/turret/images.json}.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends ImageMojo {
    /** Skips turret:assemble. */
    @Parameter(property = Properties.ASSEMBLE_SKIP, defaultValue = "false")
    boolean skipAssemble;

    @Override
    String goal() {
        return "assemble";
    }

    @Override
    Optional<String> skippedBy() {
        return skippedBy(skipAssemble, Properties.ASSEMBLE_SKIP);
    }

    @Override
    Goal mapped() {
        return new AssembleGoal(ConfigurationMapper.images(this));
    }
}
