package io.turret.image;

import static io.turret.files.JsonFiles.JSON;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.fasterxml.jackson.databind.JsonNode;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.parallel.Workers;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import com.google.cloud.tools.jib.image.json.PlatformNotFoundInBaseImageException;
import io.turret.pull.PulledImage;
import io.turret.pull.Registries;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.TlsFailure;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One service's image for one platform, made with jib (one single-platform build) from its base and planned
 * layers into {@code target/turret/images/SERVICE.tar} (of several platforms, {@code SERVICE.OS-ARCH.tar}), then
 * loaded into the engine under its reference (of several platforms, its tag followed by {@code -OS-ARCH}).
 */
final class ServiceAssembler {
    private final AssembleSettings settings;
    private final DockerAccess docker;
    private final Log log;
    private final Registries registries;
    /** The manifest each base named by reference resolved to in this run, asked once. */
    private final Map<ResolvedBase, Manifest> resolved = new ConcurrentHashMap<>();
    private final ReleasePlatforms platforms;
    private final boolean rerun;
    private final ContentKeys contentKeys;

    /**
     * @param rerun assemble even when the tarball of the same inputs is there
     * @param contentKeys the project files' content keys, perhaps hashed ahead
     */
    ServiceAssembler(AssembleSettings settings, ReleasePlatforms platforms, DockerAccess docker, Log log, Registries registries,
            boolean rerun, ContentKeys contentKeys) {
        this.platforms = platforms;
        this.contentKeys = contentKeys;
        this.settings = settings;
        this.docker = docker;
        this.log = log;
        this.registries = registries;
        this.rerun = rerun;
    }

    /**
     * The service's image for {@code platform}, one of {@code platforms}: its layers from that platform's builder
     * outputs, its config naming the platform, its tarball {@code images/SERVICE[.OS-ARCH].tar}.
     */
    AssembledImage assemble(ServiceSpec service, Platform platform, List<FileEntriesLayer> layers) {
        boolean several = platforms.several();
        String prefix = "[" + service.name() + (several ? " " + platform : "") + "] ";
        ImageRef reference = settings.naming().reference(service.name());
        // each platform's image is in the engine under a tag of its own, so that loading one does not untag another
        ImageRef inEngine = several ? ImageRef.of(reference.registry(), reference.repository(), reference.tag().orElseThrow()
                + "-" + ReleasePlatforms.folder(platform)) : reference;
        Path tarball = settings.tarball(service, platform, several);
        BaseImage baseImage = service.base(platform);
        try {
            Optional<String> key = inputsKey(service, platform, baseImage, layers, reference);
            Optional<AssembledImage> kept = rerun ? Optional.empty()
                    : key.flatMap(inputs -> KeptAssembly.find(tarball, service.name(), inputs));
            if (kept.isPresent()) {
                loadIntoEngine(baseImage, platform, inEngine.toString(), kept.get().imageId(), () -> ImageTarball.read(tarball));
                log.info(prefix + "reused " + settings.build().projectDirectory().relativize(tarball) + " " + kept.get().digest()
                        + " (inputs unchanged)");
                return kept.get();
            }
            Files.createDirectories(tarball.getParent());
            KeptAssembly.forget(tarball);
            Base base = from(service, platform, baseImage);
            JibContainerBuilder image = configured(base.image(), service, layers)
                    .setPlatforms(Set.of(new com.google.cloud.tools.jib.api.buildplan.Platform(platform.architecture(),
                            platform.os())));
            Containerizer containerizer = Containerizer.to(TarImage.at(tarball).named(inEngine.toJib()))
                    .setBaseImageLayersCache(base.layersCache())
                    .setApplicationLayersCache(settings.cacheDirectory().resolve("application"))
                    .addEventHandler(LogEvent.class, event -> log.debug(prefix + event.getMessage()));
            // jib's threads are ours (a cached pool, as jib's own default), so that an assembly interrupted by a
            // failed release is waited for and writes nothing under target/ after the release ended
            ExecutorService jibThreads = Executors.newCachedThreadPool(Workers.named("turret-jib"));
            JibContainer built;
            try {
                built = image.containerize(containerizer.setExecutorService(jibThreads));
            } finally {
                Workers.stop(jibThreads);
            }
            ImageTarball written = ImageTarball.read(tarball);
            if (several) {
                requireOfPlatform(service, platform, baseImage, written);
            }
            Digest imageId = Digest.parse(built.getImageId().toString(), "jib gave the image id");
            loadIntoEngine(baseImage, platform, inEngine.toString(), imageId, () -> written);
            AssembledImage assembled = new AssembledImage(service.name(), platform, reference,
                    Digest.parse(built.getDigest().toString(), "jib gave the manifest digest"), imageId,
                    written.compressedSize(), written.layers().stream().map(ImageTarball.Blob::digest).toList(), tarball);
            log.info(prefix + "assembled " + assembled.reference() + " " + assembled.digest() + " ("
                    + assembled.layers().size() + " layers, " + Sizes.human(assembled.compressedSize()) + ")");
            if (key.isPresent()) {
                KeptAssembly.keep(key.get(), assembled);
            }
            return assembled;
        } catch (PlatformNotFoundInBaseImageException e) {
            throw notOfPlatform(service, platform, baseImage, e);
        } catch (RegistryException e) {
            throw new EnvironmentFailure(ServiceSpec.where(service.name()) + "getting the base image " + baseImage
                    + " failed: " + Causes.describe(e), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known && (known instanceof UserFailure || known instanceof EnvironmentFailure)) {
                throw known;
            }
            if (e.getCause() instanceof PlatformNotFoundInBaseImageException notFound) {
                throw notOfPlatform(service, platform, baseImage, notFound);
            }
            throw new EnvironmentFailure(ServiceSpec.where(service.name()) + "assembling the image failed: "
                    + Causes.describe(e.getCause()), e.getCause());
        } catch (IOException | CacheDirectoryCreationException e) {
            throw new EnvironmentFailure(ServiceSpec.where(service.name()) + "assembling the image failed: " + Causes.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure(ServiceSpec.where(service.name()) + "interrupted while assembling", e);
        }
    }

    /**
     * Refuses an image of one of several platforms whose config names another platform than the one it is made for:
     * jib takes a local base of any platform for linux/amd64, so an arm64 tarball given for amd64 would make an image
     * of arm64 files (an image of one platform is as its base says, as it always was).
     */
    private static void requireOfPlatform(ServiceSpec service, Platform platform, BaseImage base, ImageTarball image)
            throws IOException {
        JsonNode config;
        try (InputStream in = image.config().content().open(0, image.config().size())) {
            config = JSON.readTree(in);
        }
        String os = config.path("os").asText();
        String architecture = config.path("architecture").asText();
        if (!platform.os().equals(os) || !platform.architecture().equals(architecture)) {
            throw new UserFailure(ServiceSpec.where(service.name()) + "the base " + base + " is an image of " + os + "/"
                    + architecture + ", not of " + platform + "; give one of " + platform + " in <platformBases><"
                    + ReleasePlatforms.folder(platform) + ">.");
        }
    }

    private static UserFailure notOfPlatform(ServiceSpec service, Platform platform, BaseImage base, Exception e) {
        return new UserFailure(ServiceSpec.where(service.name()) + "the base " + base + " is not an image of " + platform + " ("
                + e.getMessage() + "); give one of " + platform + " in <platformBases><" + ReleasePlatforms.folder(platform)
                + ">.", e);
    }

    /**
     * Resolves, before any build, the base of every platform's image that a registry gives: a base lacking
     * a platform fails here, naming the base and the platform.
     */
    void checkBases(ServiceSpec service) {
        for (Platform platform : platforms.platforms()) {
            if (service.base(platform) instanceof BaseImage.Reference image && fromRegistryFor(image.reference(), platform)) {
                resolved(service, image.reference(), platform);
            }
        }
    }

    /** Whether the base of {@code platform}'s image comes from a registry rather than the engine (as far as is known now). */
    private boolean fromRegistryFor(ImageRef base, Platform platform) {
        if (settings.pull() == PullPolicy.ALWAYS) {
            return true;
        }
        if (heldInEngine(base, platform).isPresent()) {
            return false;
        }
        // with turret.pull=never, a base the engine lacks is refused when it is assembled, naming the base
        return settings.pull() != PullPolicy.NEVER;
    }

    /** Whether the engine's own images are of {@code platform}. */
    private boolean onEngine(Platform platform) {
        return platforms.engine().os().equals(platform.os()) && platforms.engine().architecture().equals(platform.architecture());
    }

    /**
     * The engine's image of {@code base} when it is of {@code platform}: the engine holds one image per name, of the
     * platform its config names (an arm64 base loaded into an amd64 engine serves arm64 images; one whose platform the
     * engine does not say counts as the engine's own).
     */
    private Optional<EngineImage> heldInEngine(ImageRef base, Platform platform) {
        return docker.inspectImage(base.toString()).filter(image -> image.isOf(platform, onEngine(platform)));
    }

    /**
     * The key of the service's inputs for a platform; empty when the base is always pulled. A base from a
     * registry counts by the digest its tag points to now, so a moved tag is a change.
     */
    private Optional<String> inputsKey(ServiceSpec service, Platform platform, BaseImage baseImage, List<FileEntriesLayer> layers,
            ImageRef reference) throws IOException {
        Optional<String> base;
        if (baseImage instanceof BaseImage.Tarball tarball) {
            base = Optional.of("tarball " + contentKeys.of(tarball.path()));
        } else if (baseImage instanceof BaseImage.Reference image) {
            Optional<String> engine = heldInEngine(image.reference(), platform).map(found -> "engine " + found.id());
            base = settings.pull() == PullPolicy.ALWAYS ? Optional.empty()
                    : engine.or(() -> settings.pull() == PullPolicy.NEVER ? Optional.empty()
                            : Optional.of("registry " + resolved(service, image.reference(), platform).digest()));
        } else {
            base = Optional.of("scratch");
        }
        if (base.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AssemblyInputs.key(service, platform, base.get(), layers, settings.provenance().labels(service),
                reference.toString(), contentKeys));
    }

    /**
     * The image to start from, and jib's cache of its layers. jib keeps a tarball's layers by their
     * uncompressed digest, reusing whatever compression it met first; a base pulled from a registry
     * gets a cache of its own so that its layers stay the registry's bytes, and its digests.
     */
    private record Base(JibContainerBuilder image, Path layersCache) {
    }

    private Base from(ServiceSpec service, Platform platform, BaseImage baseImage) {
        Path shared = settings.cacheDirectory().resolve("base");
        if (baseImage instanceof BaseImage.Tarball tarball) {
            return new Base(Jib.from(TarImage.at(tarball.path())), shared);
        }
        if (baseImage instanceof BaseImage.Reference base) {
            return fromReference(service, platform, base.reference(), shared);
        }
        return new Base(Jib.fromScratch(), shared);
    }

    private Base fromReference(ServiceSpec service, Platform platform, ImageRef base, Path shared) {
        boolean inEngine = settings.pull() != PullPolicy.ALWAYS && heldInEngine(base, platform).isPresent();
        if (inEngine) {
            return new Base(Jib.from(new EngineImageClient(docker), DockerDaemonImage.named(base.toJib())), shared);
        }
        if (settings.pull() == PullPolicy.NEVER) {
            throw new UserFailure(ServiceSpec.where(service.name()) + "the base image " + base + " is not in the engine"
                    + (onEngine(platform) ? "" : " as an image of " + platform) + ", and turret.pull is never; "
                    + (onEngine(platform) ? "load it into the engine, or use -Dturret.pull=ifNotPresent."
                    : "use -Dturret.pull=ifNotPresent, or give a tarball of it in <platformBases><"
                    + ReleasePlatforms.folder(platform) + ">."));
        }
        Path pulled = pulled(service, base, platform);
        return new Base(Jib.from(TarImage.at(pulled)), pulled.resolveSibling(pulled.getFileName() + ".layers"));
    }

    /** The base fetched with our registry client; a TLS failure told in terms of {@code <base>}. */
    private Path pulled(ServiceSpec service, ImageRef base, Platform platform) {
        return fromRegistry(service, base, registry -> PulledImage.cached(registry, base, resolved(service, base, platform),
                settings.cacheDirectory().resolve("pulled"), ServiceSpec.where(service.name())));
    }

    /** The manifest of the base's image for the platform, resolved once in this run. */
    private Manifest resolved(ServiceSpec service, ImageRef base, Platform platform) {
        // a single-platform release takes a single image as it is, as it always did
        return resolved.computeIfAbsent(new ResolvedBase(base, platform), key -> fromRegistry(service, base,
                registry -> PulledImage.resolve(registry, base, platform, platforms.several(), ServiceSpec.where(service.name()),
                        "<base>")));
    }

    private record ResolvedBase(ImageRef base, Platform platform) {
    }

    private <T> T fromRegistry(ServiceSpec service, ImageRef base, Function<RegistryClient, T> call) {
        String where = ServiceSpec.where(service.name());
        RegistryClient registry = registries.client(base.registry());
        try {
            return call.apply(registry);
        } catch (UserFailure e) {
            if (e.where().equals(where)) {
                throw e;
            }
            if (TlsFailure.among(e).isEmpty()) {
                throw new UserFailure(where, "the base image " + base + ": " + e.getMessage(), e);
            }
            UserFailure tls = PulledImage.tlsFailure(registry, e, "<base>", base.registry().equals(settings.naming().registry()));
            throw new UserFailure(where, "the base image " + base + ": " + tls.getMessage(), e);
        } catch (EnvironmentFailure e) {
            if (e.where().equals(where)) {
                throw e;
            }
            throw new EnvironmentFailure(where, "the base image " + base + ": " + e.getMessage(), e);
        }
    }

    private JibContainerBuilder configured(JibContainerBuilder image, ServiceSpec service, List<FileEntriesLayer> layers) {
        image.setFileEntriesLayers(layers)
                .setCreationTime(Instant.EPOCH)
                .setLabels(settings.provenance().labels(service));
        service.environment().forEach(image::addEnvironmentVariable);
        if (!service.ports().isEmpty()) {
            Set<Port> ports = new LinkedHashSet<>(com.google.cloud.tools.jib.api.Ports.parse(service.ports()));
            image.setExposedPorts(ports);
        }
        if (!service.entrypoint().isEmpty()) {
            image.setEntrypoint(service.entrypoint());
        }
        if (!service.cmd().isEmpty()) {
            image.setProgramArguments(service.cmd());
        }
        if (service.user() != null) {
            image.setUser(service.user());
        }
        if (service.workingDirectory() != null) {
            image.setWorkingDirectory(AbsoluteUnixPath.get(service.workingDirectory()));
        }
        return image;
    }

    /**
     * Loads the tarball unless the engine already has this very image under the reference, without
     * the layers it shares with what the engine has: the service's previous image, its base.
     */
    private void loadIntoEngine(BaseImage baseImage, Platform platform, String reference, Digest imageId, Tarball tarball)
            throws IOException {
        Optional<EngineImage> previous = docker.inspectImage(reference);
        if (previous.map(EngineImage::id).filter(imageId::equals).isPresent()) {
            return;
        }
        List<EngineImage> held = new ArrayList<>();
        previous.ifPresent(held::add);
        if (baseImage instanceof BaseImage.Reference base) {
            heldInEngine(base.reference(), platform).ifPresent(held::add);
        }
        new EngineLoad(docker, log).load(tarball.read(), imageId, held);
    }

    /** The image's tarball, read only when the engine needs it. */
    @FunctionalInterface
    private interface Tarball {
        ImageTarball read() throws IOException;
    }
}
