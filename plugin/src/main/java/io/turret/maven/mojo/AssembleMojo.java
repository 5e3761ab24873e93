package io.turret.maven.mojo;

import io.turret.docker.DockerJavaAccess;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.Assemblies;
import io.turret.image.BaseImage;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import java.io.File;
import java.util.List;
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
public class AssembleMojo extends TurretMojo {
    /** The services: one image each. */
    @Parameter
    List<Service> services = List.of();

    /** The deploy suffix: every image's tag, e.g. {@code dev}, {@code integration}. */
    @Parameter(property = Properties.SUFFIX)
    String suffix;

    /** The registry the images are named for (and pushed to): {@code HOST} or {@code HOST:PORT}. */
    @Parameter(property = Properties.REGISTRY)
    String registry;

    /** The repository path under the registry; the project's artifactId by default. */
    @Parameter(property = Properties.NAMESPACE, defaultValue = "${project.artifactId}")
    String namespace;

    /** Where base images named by reference come from: {@code ifNotPresent} (engine, else registry), {@code always}, {@code never}. */
    @Parameter(property = Properties.PULL, defaultValue = "ifNotPresent")
    String pull;

    /** jib's layer caches; outside {@code target/} so that {@code mvn clean} keeps them. */
    @Parameter(property = Properties.CACHE, defaultValue = "${user.home}/.cache/turret/jib")
    File cacheDirectory;

    /** Skips turret:assemble. */
    @Parameter(property = Properties.ASSEMBLE_SKIP, defaultValue = "false")
    boolean skipAssemble;

    @Parameter(defaultValue = "${project.version}", readonly = true)
    String projectVersion;

    @Parameter(defaultValue = "${project.scm.url}", readonly = true)
    String scmUrl;

    @Parameter(defaultValue = "${project.url}", readonly = true)
    String projectUrl;

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
        new Assemblies(DockerJavaAccess.connect(), new MavenLog(getLog())).assembleAll(settings);
    }

    AssembleSettings assembleSettings() {
        ImageNaming naming = new ImageNaming(registry, namespace, new Suffix(suffix));
        Provenance provenance = new Provenance(projectVersion, GitRevision.of(projectDirectory.toPath()),
                Optional.ofNullable(scmUrl).or(() -> Optional.ofNullable(projectUrl)));
        List<ServiceSpec> specs = (services == null ? List.<Service>of() : services).stream().map(this::spec).toList();
        return new AssembleSettings(buildSettings(), naming, provenance, PullPolicy.parse(pull), cacheDirectory.toPath(),
                specs);
    }

    private ServiceSpec spec(Service service) {
        String name = ServiceSpec.requireName(service.name);
        String where = ServiceSpec.where(name);
        List<LayerSpec> layers = (service.layers == null ? List.<Layer>of() : service.layers).stream()
                .map(layer -> layer(layer, where))
                .toList();
        return new ServiceSpec(name, BaseImage.parse(service.base, projectDirectory.toPath(), where), layers,
                service.entrypoint, service.cmd, service.environment, service.ports, service.user,
                service.workingDirectory, service.labels);
    }

    private static LayerSpec layer(Layer layer, String where) {
        try {
            return new LayerSpec(layer.builder, layer.path, layer.into, LayerSpec.parseMode(layer.mode, ""));
        } catch (UserFailure e) {
            throw new UserFailure(where + e.getMessage(), e);
        }
    }
}
