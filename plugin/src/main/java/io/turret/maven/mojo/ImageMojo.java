package io.turret.maven.mojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.auth.RegistryCredential;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.BaseImage;
import io.turret.image.BaseRegistries;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.image.ImagesJson;
import io.turret.itest.TestedImages;
import io.turret.push.PushedImage;
import io.turret.push.Pusher;
import io.turret.push.RegistryTags;
import io.turret.push.ReleaseRecord;
import io.turret.registry.Proxies;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.registry.TlsFailure;
import io.turret.tagging.TagMover;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
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

    /** jib's layer caches; outside {@code target/} so that {@code mvn clean} keeps them. */
    @Parameter(property = Properties.CACHE, defaultValue = "${user.home}/.cache/turret/jib")
    File cacheDirectory;

    @Parameter(defaultValue = "${project.version}", readonly = true)
    String projectVersion;

    @Parameter(defaultValue = "${project.scm.url}", readonly = true)
    String scmUrl;

    @Parameter(defaultValue = "${project.url}", readonly = true)
    String projectUrl;

    /** A PEM file of the CA that signed the registry's certificate; {@code /etc/docker/certs.d/HOST:PORT/*.crt} by default. */
    @Parameter(property = Properties.REGISTRY_CA)
    File registryCa;

    /**
     * Uploads each blob in chunks of this many MiB ({@code PATCH} requests), for registries or
     * proxies that limit a request's size; a chunk cut off is resumed where the registry says it
     * stands. 0, the default, uploads each blob in one request.
     */
    @Parameter(property = Properties.REGISTRY_CHUNK_SIZE, defaultValue = "0")
    long uploadChunkSize;

    /** Talks to the registry over plain HTTP, without TLS. Only for a registry on a trusted network. */
    @Parameter(property = Properties.REGISTRY_PLAIN_HTTP, defaultValue = "false")
    boolean plainHttp;

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
        return registryClient(naming().registry(), registryCa);
    }

    /** The API of {@code host} ({@code HOST[:PORT]}), with its own credential, and {@code ca} or Docker's place for its CA. */
    RegistryClient registryClient(String host, File ca) {
        return registryClient(host, ca, plainHttp);
    }

    /**
     * The registries base images come from, each with its own credential, Docker's place for its
     * CA and the proxy; the release registry as {@link #registryClient()}.
     */
    BaseRegistries baseRegistries() {
        String release = naming().registry();
        return host -> host.equals(release) ? registryClient() : registryClient(host, null, false);
    }

    private RegistryClient registryClient(String host, File ca, boolean plainHttp) {
        Optional<RegistryCredential> credential = credentialChain().find(host);
        getLog().info("Registry " + host + ": credential from "
                + credential.map(RegistryCredential::source).orElse("nowhere (none found; going without)"));
        RegistryTrust trust = plainHttp ? RegistryTrust.plainHttp()
                : RegistryTrust.forRegistry(host, ca == null ? null : ca.toPath(), RegistryTrust.DOCKER_CERTS);
        Optional<Proxies.Choice> proxy = Proxies.choose(plainHttp ? "http" : "https", settingsProxies(), System.getenv())
                .filter(choice -> !choice.isDirect(TlsFailure.host(host)));
        proxy.ifPresent(choice -> getLog().info("Registry " + host + ": through the proxy " + choice));
        return RegistryClient.open(host, plainHttp, trust, credential, RetryPolicy.DEFAULT,
                proxy.map(Proxies::selector), chunkMegabytes() << 20, new MavenLog(getLog()));
    }

    private long chunkMegabytes() {
        if (uploadChunkSize < 0) {
            throw new UserFailure("<uploadChunkSize>" + uploadChunkSize + "</uploadChunkSize> (turret.registry.chunkSize) is"
                    + " negative; give the MiB of each chunk, or 0 to upload each blob in one request.");
        }
        return uploadChunkSize;
    }

    /** The settings.xml {@code <proxies>}. */
    private List<Proxies.SettingsProxy> settingsProxies() {
        if (settings == null || settings.getProxies() == null) {
            return List.of();
        }
        return settings.getProxies().stream().map(proxy -> new Proxies.SettingsProxy(proxy.getId(), proxy.isActive(),
                proxy.getProtocol(), proxy.getHost(), proxy.getPort(), proxy.getNonProxyHosts(),
                proxy.getUsername() != null && !proxy.getUsername().isBlank())).toList();
    }

    /**
     * Fails fast unless the registry answers over verified TLS, accepts the credential and lets it
     * push to every service's repository. Reads only the services' names from the pom.
     */
    void checkRegistry(RegistryClient registry) {
        registry.ping();
        serviceRepositories().values().forEach(registry::requirePushAccess);
        registry.requirePushAccess(registryTags(registry).journalRepository());
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

    /** Finishes, forward or back, a release of this suffix that a crash or a refusal cut short, and says which. */
    void repairUnfinishedRelease(RegistryClient registry) {
        new TagMover(registryTags(registry), new MavenLog(getLog())).repair(naming().suffix().value()).ifPresent(getLog()::warn);
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
        List<PushedImage> pushed = new Pusher(registry, registryTags(registry), new MavenLog(getLog())).pushAll(
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
