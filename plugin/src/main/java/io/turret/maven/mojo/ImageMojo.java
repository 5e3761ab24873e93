package io.turret.maven.mojo;

import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that make, test and push images share: the services and where their images go
 * ({@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}).
 */
abstract class ImageMojo extends TurretMojo {
    /** The services: one image each. */
    @Parameter
    List<Service> services = List.of();

    /** The deploy suffix: every image's tag, e.g. {@code dev}, {@code integration}. */
    @Parameter(property = Properties.SUFFIX)
    String suffix;

    /** The repository path under the registry; the project's artifactId by default. */
    @Parameter(property = Properties.NAMESPACE, defaultValue = "${project.artifactId}")
    String namespace;

    /** Where base images named by reference come from: {@code ifNotPresent} (engine, else registry), {@code always}, {@code never}. */
    @Parameter(property = Properties.PULL, defaultValue = "ifNotPresent")
    String pull;

    @Parameter(defaultValue = "${project.version}", readonly = true)
    String projectVersion;

    @Parameter(defaultValue = "${project.scm.url}", readonly = true)
    String scmUrl;

    @Parameter(defaultValue = "${project.url}", readonly = true)
    String projectUrl;
}
