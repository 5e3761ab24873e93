package io.turret.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
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
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.turret.auth.CredentialLookup;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

/** {@link DockerAccess} with docker-java over its zerodep transport. */
public final class DockerJavaAccess implements DockerAccess {
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final CredentialLookup credentials;

    private DockerJavaAccess(DockerClient docker, CredentialLookup credentials) {
        this.docker = docker;
        this.credentials = credentials;
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
        EngineClientLogging.quiet();
        try {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(10))
                    .maxConnections(32)
                    .build();
            DockerJavaAccess access = new DockerJavaAccess(DockerClientImpl.getInstance(config, http), credentials);
            access.docker.pingCmd().exec();
            return access;
        } catch (RuntimeException e) {
            throw new EngineErrors(System.getenv()).unreachable(e);
        }
    }

    @Override
    public boolean hasImage(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void pullImage(String reference) {
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
        try {
            pull.exec(new QuietCallbacks.Pull()).awaitCompletion();
        } catch (DockerException | DockerClientException e) {
            throw EngineErrors.failed("the engine said", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while pulling " + reference, e);
        }
    }

    private static String registryOf(String reference) {
        return ImageRef.tryParse(reference).map(ImageRef::registry).orElse("");
    }

    @Override
    public Optional<EngineImage> inspectImage(String reference) {
        try {
            InspectImageResponse image = docker.inspectImageCmd(reference).exec();
            List<String> layers = image.getRootFS() == null || image.getRootFS().getLayers() == null
                    ? List.of() : image.getRootFS().getLayers();
            long size = image.getSize() == null ? 0 : image.getSize();
            return Optional.of(new EngineImage(image.getId(), size, layers));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void saveImage(String reference, OutputStream archive) {
        try (InputStream saved = docker.saveImageCmd(reference).exec()) {
            saved.transferTo(archive);
        } catch (IOException | DockerException e) {
            throw EngineErrors.failed("saving " + reference + " from the engine failed", e);
        }
    }

    @Override
    public void loadImage(InputStream archive) {
        try {
            docker.loadImageCmd(archive).exec();
        } catch (DockerException e) {
            throw EngineErrors.failed("loading an image into the engine failed", e);
        }
    }

    @Override
    public void tagImage(String imageId, String reference) {
        ImageRef name = ImageRef.parse(reference);
        if (name.digest().isPresent()) {
            throw new IllegalArgumentException("not REPOSITORY:TAG: " + reference);
        }
        try {
            docker.tagImageCmd(imageId, name.name(), name.tag().orElseThrow()).withForce().exec();
        } catch (DockerException e) {
            throw EngineErrors.failed("naming the image " + imageId + " " + reference + " failed", e);
        }
    }

    @Override
    public boolean hasNetwork(String name) {
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        }
    }

    @Override
    public String createContainer(ContainerSpec spec) {
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
        return create.exec().getId();
    }

    @Override
    public void copyIn(String containerId, String path, InputStream tar) {
        docker.copyArchiveToContainerCmd(containerId).withRemotePath(path).withTarInputStream(tar).exec();
    }

    @Override
    public void start(String containerId) {
        docker.startContainerCmd(containerId).exec();
    }

    @Override
    public OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout) {
        LineSplitter out = new LineSplitter(lines);
        LineSplitter err = new LineSplitter(lines);
        try {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while waiting for container " + containerId, e);
        }
    }

    @Override
    public Optional<InputStream> copyOut(String containerId, String path) {
        try {
            return Optional.of(docker.copyArchiveFromContainerCmd(containerId, path).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ContainerState inspectContainer(String containerId) {
        InspectContainerResponse container = docker.inspectContainerCmd(containerId).exec();
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
        try {
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
        } catch (NotFoundException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while reading the log of container " + containerId, e);
        }
    }

    @Override
    public String createNetwork(String name, Map<String, String> labels) {
        return docker.createNetworkCmd().withName(name).withLabels(labels).withCheckDuplicate(true).exec().getId();
    }

    @Override
    public void removeNetwork(String networkId) {
        Instant deadline = Instant.now().plus(GONE_TIMEOUT);
        while (true) {
            try {
                docker.removeNetworkCmd(networkId).exec();
                return;
            } catch (NotFoundException e) {
                return;
            } catch (DockerException e) {
                // containers being removed elsewhere (another shutdown hook) still hold endpoints for a moment
                if (Instant.now().isAfter(deadline)) {
                    throw EngineErrors.failed("cannot remove network " + networkId, e);
                }
                pause();
            }
        }
    }

    @Override
    public List<Labelled> networksLabelled(Map<String, String> labels) {
        return docker.listNetworksCmd().exec().stream()
                .filter(network -> network.getLabels() != null && network.getLabels().entrySet().containsAll(labels.entrySet()))
                .map(network -> new Labelled(network.getId(), network.getLabels(), network.getCreated() == null
                        ? Instant.EPOCH : network.getCreated().toInstant()))
                .toList();
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            awaitGone(containerId); // its removal is in progress elsewhere (another shutdown hook)
        }
    }

    private void awaitGone(String containerId) {
        Instant deadline = Instant.now().plus(GONE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                docker.inspectContainerCmd(containerId).exec();
            } catch (NotFoundException gone) {
                return;
            }
            pause();
        }
        throw new EnvironmentFailure("container " + containerId + " was still there " + GONE_TIMEOUT.toSeconds()
                + " s after its removal began");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while removing Turret's containers", e);
        }
    }

    @Override
    public List<Labelled> containersLabelled(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                .map(container -> new Labelled(container.getId(), container.getLabels() == null ? Map.of() : container.getLabels(),
                        Instant.ofEpochSecond(container.getCreated())))
                .toList();
    }
}
