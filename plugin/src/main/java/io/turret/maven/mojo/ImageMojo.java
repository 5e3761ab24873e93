package io.turret.maven.mojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.BaseImage;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.image.ImagesJson;
import io.turret.itest.TestedImages;
import io.turret.parallel.BoundedParallel;
import io.turret.push.PushedImage;
import io.turret.push.Pusher;
import io.turret.push.RegistryTags;
import io.turret.push.ReleaseRecord;
import io.turret.registry.RegistryClient;
import io.turret.tagging.TagMover;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that make, test and push images share: the services, where their images go
 * ({@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}) and how the registry is reached.
 */
abstract class ImageMojo extends TurretMojo {
    private static final int CHECKS_AT_ONCE = 8;

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

    AssembleSettings assembleSettings() {
        ImageNaming naming = naming();
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

    ImageNaming naming() {
        return new ImageNaming(registry, namespace, new Suffix(suffix));
    }

    /** The registry's API, with its credential (first source found) and TLS trust. */
    RegistryClient registryClient() {
        return registries().client(naming().registry());
    }

    /**
     * Fails fast unless the registry answers over verified TLS, accepts the credential and lets it
     * push to every service's repository. Reads only the services' names from the pom.
     */
    void checkRegistry(RegistryClient registry) {
        registry.ping();
        checkPushAccess(registry);
    }

    /**
     * The part of the registry check after the ping: push access to every service's repository
     * (and the journal's), then an unfinished release of the suffix finished. For a release, it
     * runs alongside the builders.
     */
    void checkPushAccess(RegistryClient registry) {
        List<String> repositories = new ArrayList<>(serviceRepositories().values());
        repositories.add(registryTags(registry).journalRepository());
        // a few round trips each (and a token each, from a token registry): all at once; the first
        // refusal in the pom's order is the one told
        BoundedParallel.map(repositories, CHECKS_AT_ONCE, "turret-registry-check", repository -> {
            registry.requirePushAccess(repository);
            return repository;
        });
        getLog().info("Registry " + registry.registry() + " accepts the credential and pushes to every service's repository.");
        repairUnfinishedRelease(registry);
    }

    /** Each service's repository, by the service's name, in the pom's order: read from the pom alone. */
    Map<String, String> serviceRepositories() {
        ImageNaming naming = naming();
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Service service : services == null ? List.<Service>of() : services) {
            String name = ServiceSpec.requireName(service.name);
            repositories.put(name, naming.repository(name));
        }
        return repositories;
    }

    RegistryTags registryTags(RegistryClient registry) {
        return new RegistryTags(registry, naming().namespace());
    }

    /**
     * Finishes, forward or back, a release of this suffix that a crash or a refusal cut short, and says which;
     * one still in progress in another run is left to it.
     */
    Optional<TagMover.Repair> repairUnfinishedRelease(RegistryClient registry) {
        Optional<TagMover.Repair> repair = new TagMover(registryTags(registry), liveness(), new MavenLog(getLog()))
                .repair(naming().suffix().value(), serviceRepositories());
        repair.ifPresent(done -> getLog().warn(done.message()));
        return repair;
    }

    /** Adds to release.json which run's integration tests passed against the pushed images, and whether that verdict was reused. */
    private static void recordVerdict(Path releaseJson, Path testedJson) {
        try {
            ObjectNode release = (ObjectNode) JsonFiles.JSON.readTree(releaseJson.toFile());
            release.set("integrationTests", TestedImages.verdict(testedJson));
            JsonFiles.write(releaseJson, release);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot record the verdict in " + releaseJson + ": " + e.getMessage(), e);
        }
    }

    /** Pushes what images.json and tested.json name, writes release.json and logs the table. */
    List<PushedImage> pushAndRecord(RegistryClient registry, int threads) {
        Path turret = turretDirectory();
        String release = newRunId();
        List<PushedImage> pushed = new Pusher(registry, registryTags(registry), liveness(), new MavenLog(getLog())).pushAll(
                ImagesJson.read(turret.resolve("images.json")), TestedImages.read(turret.resolve("tested.json")), naming(),
                threads, release);
        ReleaseRecord.write(turret.resolve("release.json"), naming().suffix().value(), registry.registry(),
                GitRevision.of(projectDirectory.toPath()), pushed);
        recordVerdict(turret.resolve("release.json"), turret.resolve("tested.json"));
        getLog().info("Pushed " + pushed.size() + " image(s) to " + registry.registry() + " (" + registry.uploads()
                + " blob(s) uploaded, " + registry.mounts() + " mounted); target/turret/release.json records them:");
        ReleaseRecord.table(pushed).forEach(getLog()::info);
        return pushed;
    }

}
