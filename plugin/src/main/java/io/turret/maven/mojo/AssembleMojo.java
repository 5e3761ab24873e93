package io.turret.maven.mojo;

import io.turret.image.AssembleSettings;
import io.turret.image.Assemblies;
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
    boolean goalSkipped() {
        return skipAssemble;
    }

    @Override
    String goalSkipProperty() {
        return Properties.ASSEMBLE_SKIP;
    }

    @Override
    void run() {
        AssembleSettings settings = assembleSettings();
        new Assemblies(docker(), new MavenLog(getLog()), registries(), rerun).assembleAll(settings);
    }
}
