package io.turret.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.turret.auth.CredentialLookup;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import io.turret.platform.EmulationProbe;
import io.turret.platform.EngineHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@link DockerAccess} with docker-java over its zerodep transport. Every request goes through
 * {@link #call}, which makes what the client throws a Turret failure ({@link EngineErrors}).
 */
public final class DockerJavaAccess implements DockerAccess {
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final CredentialLookup credentials;
    private final ImageSource images;
    private final URI host;
    private final EngineErrors errors = new EngineErrors(System.getenv());

    private DockerJavaAccess(DockerClient docker, CredentialLookup credentials, ImageSource images, URI host) {
        this.docker = docker;
        this.credentials = credentials;
        this.images = images;
        this.host = host;
    }

    /**
     * Connects to the engine the docker CLI would use ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
     * {@code DOCKER_CERT_PATH}, else the local socket) and checks that it answers.
     */
    public static DockerJavaAccess connect() {
        return connect(CredentialLookup.NONE);
    }

    /** Connects as {@link #connect()}, pulling images with the credentials {@code credentials} finds for their registries. */
    public static DockerJavaAccess connect(CredentialLookup credentials) {
        return connect(credentials, ImageSource.ENGINE);
    }

    /**
     * Connects as {@link #connect()}; an image the engine lacks comes from {@code images}, and the
     * engine's own pull, when the source asks for it, uses the credentials {@code credentials} finds.
     */
    public static DockerJavaAccess connect(CredentialLookup credentials, ImageSource images) {
        EngineClientLogging.quiet();
        try {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(10))
                    .maxConnections(32)
                    .build();
            DockerJavaAccess access = new DockerJavaAccess(DockerClientImpl.getInstance(config, http), credentials, images,
                    config.getDockerHost());
            access.docker.pingCmd().exec();
            return access;
        } catch (RuntimeException e) {
            throw new EngineErrors(System.getenv()).unreachable(e);
        }
    }

    /** A request to the engine; it may wait, and be interrupted. */
    @FunctionalInterface
    private interface Request<T> {
        T send() throws InterruptedException;
    }

    /**
     * Sends {@code request}: the one place where what the engine client throws becomes a Turret failure.
     *
     * @param doing what the request does, for messages: {@code creating the container NAME}
     */
    private <T> T call(String doing, Request<T> request) {
        return call(doing, request, failure -> errors.translate(doing, failure));
    }

    private static <T> T call(String doing, Request<T> request, UnaryOperator<RuntimeException> translation) {
        try {
            return request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(doing, e);
        } catch (RuntimeException e) {
            throw translation.apply(e);
        }
    }

    private void run(String doing, Request<?> request) {
        call(doing, request);
    }

    /** The answer to {@code request}; empty when the engine answered 404. */
    private static <T> Optional<T> unlessMissing(Request<T> request) throws InterruptedException {
        try {
            return Optional.ofNullable(request.send());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean hasImage(String reference) {
        return call("looking for the image " + reference, () -> unlessMissing(() -> docker.inspectImageCmd(reference).exec())
                .isPresent());
    }

    @Override
    public void pullImage(String reference) {
        images.fetch(reference, new ImageSource.Engine() {
            @Override
            public Optional<EngineImage> inspectImage(String image) {
                return DockerJavaAccess.this.inspectImage(image);
            }

            @Override
            public void loadImage(InputStream archive) {
                DockerJavaAccess.this.loadImage(archive);
            }

            @Override
            public void tagImage(String imageId, String name) {
                DockerJavaAccess.this.tagImage(imageId, name);
            }

            @Override
            public void pull(String image) {
                enginePull(image);
            }
        });
    }

    private void enginePull(String reference) {
        PullImageCmd pull = docker.pullImageCmd(reference);
        credentials.find(registryOf(reference)).ifPresent(credential -> {
            if (!EngineClientLogging.isQuiet()) {
                throw new EnvironmentFailure("Turret does not hand the credential for " + registryOf(reference) + " to the"
                        + " Docker engine client while its debug log would print it: the loggers "
                        + EngineClientLogging.REQUEST_LOGGERS + " are at debug level. Set them to info in your logging"
                        + " configuration, or run without -X.");
            }
            pull.withAuthConfig(new AuthConfig().withRegistryAddress(registryOf(reference))
                    .withUsername(credential.username()).withPassword(credential.password()));
        });
        call("pulling " + reference, () -> pull.exec(new QuietCallbacks.Pull()).awaitCompletion(),
                failure -> errors.pullFailed(reference, failure));
    }

    private static String registryOf(String reference) {
        return ImageRef.tryParse(reference).map(ImageRef::registry).orElse("");
    }

    @Override
    public Optional<EngineImage> inspectImage(String reference) {
        return call("inspecting the image " + reference, () -> unlessMissing(() -> docker.inspectImageCmd(reference).exec())
                .map(image -> {
                    List<String> layers = image.getRootFS() == null || image.getRootFS().getLayers() == null
                            ? List.of() : image.getRootFS().getLayers();
                    long size = image.getSize() == null ? 0 : image.getSize();
                    Optional<Platform> platform = image.getOs() == null || image.getArch() == null ? Optional.empty()
                            : Optional.of(Platform.of(image.getOs(), image.getArch()));
                    return new EngineImage(image.getId(), size, layers, platform);
                }));
    }

    @Override
    public void saveImage(String reference, OutputStream archive) {
        run("saving the image " + reference, () -> {
            try (InputStream saved = docker.saveImageCmd(reference).exec()) {
                return saved.transferTo(archive);
            } catch (IOException e) {
                throw new EnvironmentFailure("Saving the image " + reference + " from the Docker engine failed: "
                        + Causes.describe(e), e);
            }
        });
    }

    @Override
    public void loadImage(InputStream archive) {
        run("loading an image", () -> {
            docker.loadImageCmd(archive).exec();
            return null;
        });
    }

    @Override
    public void tagImage(String imageId, String reference) {
        ImageRef name = ImageRef.parse(reference);
        if (name.digest().isPresent()) {
            throw new IllegalArgumentException("not REPOSITORY:TAG: " + reference);
        }
        run("naming the image " + imageId + " " + reference, () -> {
            docker.tagImageCmd(imageId, name.name(), name.tag().orElseThrow()).withForce().exec();
            return null;
        });
    }

    @Override
    public Platform platform() {
        return call("asking the engine for its version", () -> {
            Version version = docker.versionCmd().exec();
            return Platform.of(version.getOperatingSystem(), version.getArch());
        });
    }

    /** binfmt_misc of this machine when the engine is on its kernel (see {@link EngineHost}); otherwise unseen. */
    @Override
    public EmulationProbe emulation() {
        return call("asking the engine for its kernel", () -> new EngineHost(host, docker.infoCmd().exec().getKernelVersion())
                .emulation());
    }

    @Override
    public boolean hasNetwork(String name) {
        return call("looking for the network " + name, () -> unlessMissing(() -> docker.inspectNetworkCmd().withNetworkId(name)
                .exec()).isPresent());
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
        run("creating the volume " + name, () -> {
            if (unlessMissing(() -> docker.inspectVolumeCmd(name).exec()).isEmpty()) {
                docker.createVolumeCmd().withName(name).withLabels(labels).exec();
            }
            return null;
        });
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return call("creating the container " + spec.name(), () -> createCommand(spec).exec().getId());
    }

    @Override
    public Optional<String> createContainerOnce(ContainerSpec spec, String user) {
        return call("creating the container " + spec.name(), () -> {
            try {
                return Optional.of(createCommand(spec).withUser(user).exec().getId());
            } catch (ConflictException nameTaken) {
                return Optional.empty();
            }
        });
    }

    private CreateContainerCmd createCommand(ContainerSpec spec) {
        Ports bindings = new Ports();
        List<ExposedPort> exposed = spec.published().stream().map(ExposedPort::parse).toList();
        exposed.forEach(port -> bindings.bind(port, Ports.Binding.bindIp("127.0.0.1")));
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(spec.network())
                .withPortBindings(bindings)
                .withBinds(spec.volumes().entrySet().stream()
                        .map(volume -> new Bind(volume.getKey(), new Volume(volume.getValue())))
                        .toList());
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withLabels(spec.labels())
                .withExposedPorts(exposed)
                .withHostConfig(hostConfig);
        if (!spec.entrypoint().isEmpty()) {
            create.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        if (spec.workingDirectory() != null) {
            create.withWorkingDir(spec.workingDirectory());
        }
        if (!spec.aliases().isEmpty()) {
            create.withAliases(spec.aliases());
        }
        spec.platform().ifPresent(platform -> create.withPlatform(platform.toString()));
        return create;
    }

    @Override
    public void copyIn(String containerId, String path, InputStream tar) {
        run("copying files into the container " + containerId, () -> {
            docker.copyArchiveToContainerCmd(containerId).withRemotePath(path).withTarInputStream(tar).exec();
            return null;
        });
    }

    @Override
    public void start(String containerId) {
        run("starting the container " + containerId, () -> {
            docker.startContainerCmd(containerId).exec();
            return null;
        });
    }

    @Override
    public OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout) {
        LineSplitter out = new LineSplitter(lines);
        LineSplitter err = new LineSplitter(lines);
        return call("following the container " + containerId, () -> {
            QuietCallbacks.Quiet<Frame> following = docker.logContainerCmd(containerId).withFollowStream(true).withStdOut(true)
                    .withStdErr(true).exec(new QuietCallbacks.Quiet<Frame>() {
                        @Override
                        public synchronized void onNext(Frame frame) {
                            (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
                        }
                    });
            boolean ended = following.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            QuietCallbacks.closeQuietly(following);
            synchronized (following) {
                out.flush();
                err.flush();
            }
            return ended ? OptionalInt.of(docker.waitContainerCmd(containerId).start().awaitStatusCode()) : OptionalInt.empty();
        });
    }

    @Override
    public Optional<InputStream> copyOut(String containerId, String path) {
        return call("copying " + path + " out of the container " + containerId, () -> unlessMissing(
                () -> docker.copyArchiveFromContainerCmd(containerId, path).exec()));
    }

    @Override
    public ContainerState inspectContainer(String containerId) {
        InspectContainerResponse container = call("inspecting the container " + containerId,
                () -> docker.inspectContainerCmd(containerId).exec());
        InspectContainerResponse.ContainerState state = container.getState();
        Map<String, Integer> hostPorts = new LinkedHashMap<>();
        Map<ExposedPort, Ports.Binding[]> bindings = container.getNetworkSettings().getPorts() == null ? Map.of()
                : container.getNetworkSettings().getPorts().getBindings();
        bindings.forEach((port, bound) -> {
            if (bound != null && bound.length > 0 && bound[0].getHostPortSpec() != null) {
                hostPorts.put(port.toString(), Integer.parseInt(bound[0].getHostPortSpec()));
            }
        });
        Optional<String> address = container.getNetworkSettings().getNetworks().values().stream()
                .map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isEmpty()).findFirst();
        Optional<String> health = Optional.ofNullable(state.getHealth()).map(HealthState::getStatus);
        return new ContainerState(Boolean.TRUE.equals(state.getRunning()),
                state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue(), health, hostPorts, address);
    }

    @Override
    public List<String> logs(String containerId, int lines) {
        List<String> collected = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(collected::add);
        return call("reading the log of the container " + containerId, () -> unlessMissing(() -> {
            var command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true);
            (lines > 0 ? command.withTail(lines) : command.withTailAll())
                    .exec(new QuietCallbacks.Quiet<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            splitter.accept(frame.getPayload());
                        }
                    }).awaitCompletion();
            splitter.flush();
            return collected;
        }).orElse(List.of()));
    }

    @Override
    public String createNetwork(String name, Map<String, String> labels) {
        return call("creating the network " + name, () -> docker.createNetworkCmd().withName(name).withLabels(labels)
                .withCheckDuplicate(true).exec().getId());
    }

    @Override
    public void removeNetwork(String networkId) {
        Instant deadline = Instant.now().plus(GONE_TIMEOUT);
        run("removing the network " + networkId, () -> {
            while (true) {
                try {
                    docker.removeNetworkCmd(networkId).exec();
                    return null;
                } catch (NotFoundException e) {
                    return null;
                } catch (DockerException e) {
                    // containers being removed elsewhere (another shutdown hook) still hold endpoints for a moment
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(250);
                }
            }
        });
    }

    @Override
    public List<Labelled> networksLabelled(Map<String, String> labels) {
        return call("listing networks", () -> docker.listNetworksCmd().exec().stream()
                .filter(network -> network.getLabels() != null && network.getLabels().entrySet().containsAll(labels.entrySet()))
                .map(network -> new Labelled(network.getId(), network.getLabels(), network.getCreated() == null
                        ? Instant.EPOCH : network.getCreated().toInstant()))
                .toList());
    }

    @Override
    public void removeContainer(String containerId) {
        run("removing the container " + containerId, () -> {
            try {
                docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // already gone
            } catch (ConflictException e) {
                awaitGone(containerId); // its removal is in progress elsewhere (another shutdown hook)
            }
            return null;
        });
    }

    private void awaitGone(String containerId) throws InterruptedException {
        Instant deadline = Instant.now().plus(GONE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (unlessMissing(() -> docker.inspectContainerCmd(containerId).exec()).isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new EnvironmentFailure("container " + containerId + " was still there " + GONE_TIMEOUT.toSeconds()
                + " s after its removal began");
    }

    @Override
    public List<Labelled> containersLabelled(Map<String, String> labels) {
        return call("listing containers", () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                .stream()
                .map(container -> new Labelled(container.getId(), container.getLabels() == null ? Map.of() : container.getLabels(),
                        Instant.ofEpochSecond(container.getCreated())))
                .toList());
    }
}
