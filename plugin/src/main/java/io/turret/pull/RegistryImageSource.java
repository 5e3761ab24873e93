package io.turret.pull;

import io.turret.docker.EngineSaid;
import io.turret.docker.ImageSource;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.TlsFailure;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * An image the engine lacks (a builder's, a runner's, a test container's) fetched by Turret's own
 * registry client, with the trust ({@code <registryCa>}, certs.d), credential, tokens and proxy a
 * push uses, then loaded into the engine and named. The engine's own pull is the fallback when the
 * registry cannot be reached from here, for an engine that reaches it through a mirror of its own,
 * and for a name pinned by digest, which only the engine's pull records.
 */
public final class RegistryImageSource implements ImageSource {
    private final Registries registries;
    private final String releaseRegistry;
    private final Path downloads;
    private final Log log;

    /**
     * @param releaseRegistry {@code host[:port]} of the registry releases go to, for messages
     * @param downloads where an image's tarball is written while it is loaded
     */
    public RegistryImageSource(Registries registries, String releaseRegistry, Path downloads, Log log) {
        this.registries = registries;
        this.releaseRegistry = releaseRegistry;
        this.downloads = downloads;
        this.log = log;
    }

    @Override
    public void fetch(String reference, Engine engine) {
        Optional<ImageRef> parsed = ImageRef.tryParse(reference);
        if (parsed.isEmpty() || parsed.get().digest().isPresent()) {
            engine.pull(reference);
            return;
        }
        ImageRef image = parsed.get();
        RegistryClient registry = registries.client(image.registry());
        try {
            fetchAndLoad(engine, registry, image, image.usesDefaultTag() && !reference.endsWith(":latest")
                    ? reference + ":latest" : reference);
        } catch (UserFailure refused) {
            if (TlsFailure.among(refused).isPresent()) {
                throw PulledImage.tlsFailure(registry, refused, "<image>", image.registry().equals(releaseRegistry));
            }
            throw refused;
        } catch (Interrupted interrupted) {
            throw interrupted;
        } catch (EnvironmentFailure unreachable) {
            log.info("Fetching " + reference + " failed (" + unreachable.getMessage() + "); asking the Docker engine to pull it");
            try {
                engine.pull(reference);
            } catch (Interrupted interrupted) {
                throw interrupted;
            } catch (UserFailure refused) {
                throw new UserFailure(bothFailed(unreachable, refused), refused);
            } catch (EnvironmentFailure failed) {
                throw new EnvironmentFailure(bothFailed(unreachable, failed), failed);
            }
        }
    }

    private static String bothFailed(EnvironmentFailure client, RuntimeException engine) {
        String said = engine instanceof EngineSaid ? EngineSaid.words(engine) + "." : engine.getMessage();
        return "Turret's registry client: " + client.getMessage() + " The Docker engine: " + said;
    }

    private void fetchAndLoad(Engine engine, RegistryClient registry, ImageRef image, String name) {
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
                throw new EnvironmentFailure("Loading " + image + " from " + tarball + " into the engine failed: "
                        + Causes.describe(e), e);
            } finally {
                try {
                    Files.deleteIfExists(tarball);
                } catch (IOException e) {
                    log.warn("Could not remove " + tarball + ": " + Causes.describe(e));
                }
            }
        }
        engine.tagImage(imageId.toString(), name);
    }
}
