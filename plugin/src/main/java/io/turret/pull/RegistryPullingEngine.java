package io.turret.pull;

import io.turret.docker.ContainerSpec;
import io.turret.docker.ContainerState;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.docker.Labelled;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.TlsFailure;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The Docker engine, except that an image it lacks (a builder's, a runner's, a test container's)
 * is fetched by Turret's own registry client, with the trust ({@code <registryCa>}, certs.d),
 * credential, tokens and proxy a push uses, then loaded into the engine and named. The engine's
 * own pull is the fallback when the registry cannot be reached from here, for an engine that
 * reaches it through a mirror of its own, and for a name pinned by digest, which only the
 * engine's pull records.
 */
public final class RegistryPullingEngine implements DockerAccess {
    private final DockerAccess engine;
    private final Registries registries;
    private final String releaseRegistry;
    private final Path downloads;
    private final Log log;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    /**
     * @param releaseRegistry {@code host[:port]} of the registry releases go to, for messages
     * @param downloads where an image's tarball is written while it is loaded
     */
    public RegistryPullingEngine(DockerAccess engine, Registries registries, String releaseRegistry, Path downloads, Log log) {
        this.engine = engine;
        this.registries = registries;
        this.releaseRegistry = releaseRegistry;
        this.downloads = downloads;
        this.log = log;
    }

    @Override
    public void pullImage(String reference) {
        Optional<ImageRef> parsed = ImageRef.tryParse(reference);
        if (parsed.isEmpty() || parsed.get().digest().isPresent()) {
            engine.pullImage(reference);
            return;
        }
        ImageRef image = parsed.get();
        RegistryClient registry = clients.computeIfAbsent(image.registry(), registries::client);
        try {
            fetchAndLoad(registry, image, image.usesDefaultTag() && !reference.endsWith(":latest")
                    ? reference + ":latest" : reference);
        } catch (UserFailure refused) {
            if (TlsFailure.among(refused).isPresent()) {
                throw PulledImage.tlsFailure(registry, refused, "<image>", image.registry().equals(releaseRegistry));
            }
            throw refused;
        } catch (EnvironmentFailure unreachable) {
            log.info("Fetching " + reference + " failed (" + unreachable.getMessage() + "); asking the Docker engine to pull it");
            try {
                engine.pullImage(reference);
            } catch (RuntimeException failed) {
                throw new EnvironmentFailure("Turret's registry client: " + unreachable.getMessage() + " The Docker engine: "
                        + failed.getMessage(), failed);
            }
        }
    }

    private void fetchAndLoad(RegistryClient registry, ImageRef image, String name) {
        Manifest manifest = PulledImage.resolve(registry, image, "", "<image>");
        Digest imageId = PulledImage.configDigest(manifest);
        if (engine.inspectImage(imageId.toString()).isEmpty()) {
            Path tarball = downloads.resolve("load-" + UUID.randomUUID() + ".tar");
            try {
                PulledImage.download(registry, image, manifest, tarball, "");
                try (InputStream in = Files.newInputStream(tarball)) {
                    engine.loadImage(in);
                }
            } catch (IOException e) {
                throw new EnvironmentFailure("Loading " + image + " from " + tarball + " into the engine failed: " + e, e);
            } finally {
                try {
                    Files.deleteIfExists(tarball);
                } catch (IOException e) {
                    log.warn("Could not remove " + tarball + ": " + e.getMessage());
                }
            }
        }
        engine.tagImage(imageId.toString(), name);
    }

    @Override
    public boolean hasImage(String reference) {
        return engine.hasImage(reference);
    }

    @Override
    public Optional<EngineImage> inspectImage(String reference) {
        return engine.inspectImage(reference);
    }

    @Override
    public void saveImage(String reference, OutputStream archive) {
        engine.saveImage(reference, archive);
    }

    @Override
    public void loadImage(InputStream archive) {
        engine.loadImage(archive);
    }

    @Override
    public void tagImage(String imageId, String reference) {
        engine.tagImage(imageId, reference);
    }

    @Override
    public boolean hasNetwork(String name) {
        return engine.hasNetwork(name);
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
        engine.ensureVolume(name, labels);
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return engine.createContainer(spec);
    }

    @Override
    public void copyIn(String containerId, String path, InputStream tar) {
        engine.copyIn(containerId, path, tar);
    }

    @Override
    public void start(String containerId) {
        engine.start(containerId);
    }

    @Override
    public OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout) {
        return engine.followUntilExit(containerId, lines, timeout);
    }

    @Override
    public Optional<InputStream> copyOut(String containerId, String path) {
        return engine.copyOut(containerId, path);
    }

    @Override
    public ContainerState inspectContainer(String containerId) {
        return engine.inspectContainer(containerId);
    }

    @Override
    public List<String> logs(String containerId, int lines) {
        return engine.logs(containerId, lines);
    }

    @Override
    public String createNetwork(String name, Map<String, String> labels) {
        return engine.createNetwork(name, labels);
    }

    @Override
    public void removeNetwork(String networkId) {
        engine.removeNetwork(networkId);
    }

    @Override
    public List<Labelled> networksLabelled(Map<String, String> labels) {
        return engine.networksLabelled(labels);
    }

    @Override
    public void removeContainer(String containerId) {
        engine.removeContainer(containerId);
    }

    @Override
    public List<Labelled> containersLabelled(Map<String, String> labels) {
        return engine.containersLabelled(labels);
    }
}
