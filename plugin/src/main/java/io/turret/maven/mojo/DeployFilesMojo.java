package io.turret.maven.mojo;

import io.turret.goal.Goal;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the deployment files of the {@code suffix}'s release under
 * {@code target/turret/deploy/SUFFIX/}: {@code compose.yaml}, {@code kustomization.yaml} and
 * {@code systemd/NAMESPACE-SERVICE.service}, every image pinned by the digest its suffix tag points at
 * in the registry, wired as the test environment ran it; values that must differ in production
 * become variables. Needs only the pom.
 */
@Mojo(name = "deploy-files", threadSafe = true)
public class DeployFilesMojo extends ImageMojo {
    /** The test environment's containers: the files take their wiring (aliases, environment, ports, dependencies) from them. */
    @Parameter
    List<TestContainer> testContainers = List.of();

    /** Skips turret:deploy-files. */
    @Parameter(property = Properties.DEPLOY_FILES_SKIP, defaultValue = "false")
    boolean skipDeployFiles;

    @Override
    String goal() {
        return "deploy-files";
    }

    @Override
    Optional<String> skippedBy() {
        return skippedBy(skipDeployFiles, Properties.DEPLOY_FILES_SKIP);
    }

    @Override
    Goal mapped() {
        return ConfigurationMapper.deployFiles(this);
    }
}
