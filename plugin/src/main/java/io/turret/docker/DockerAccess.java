package io.turret.docker;

import io.turret.oci.Platform;
import io.turret.platform.EmulationProbe;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The few things Turret asks of a Docker engine. One implementation talks to the engine with
 * docker-java; nothing else in Turret knows docker-java.
 */
public interface DockerAccess {
    /** The engine's own platform ({@code /version}'s Os and Arch): what it runs natively. */
    Platform platform();

    /**
     * Whether the engine runs images of platforms other than its own, under emulation. An engine that
     * cannot tell runs none: only its own platform is tested.
     */
    default EmulationProbe emulation() {
        return EmulationProbe.NONE;
    }

    boolean hasImage(String reference);

    void pullImage(String reference);

    /** The image's id, size and layers as the engine has them; empty when it does not have it. */
    Optional<EngineImage> inspectImage(String reference);

    /** Writes the engine's {@code docker save} archive of the image. */
    void saveImage(String reference, OutputStream archive);

    /** Loads a {@code docker save} archive into the engine, with the tags it names. */
    void loadImage(InputStream archive);

    /** Gives the image {@code imageId} the name {@code reference} ({@code [REGISTRY/]REPOSITORY:TAG}). */
    void tagImage(String imageId, String reference);

    boolean hasNetwork(String name);

    /** Creates the named volume with these labels, unless it exists already. */
    void ensureVolume(String name, Map<String, String> labels);

    /** Creates (does not start) a container and returns its id. */
    String createContainer(ContainerSpec spec);

    /**
     * Creates (does not start) a container that runs as {@code user} ({@code 0}: root), whatever the image's USER;
     * empty when a container of its name exists already: the engine gives a name to one container at a time, so
     * the name is a lock. An engine access that cannot makes none.
     */
    default Optional<String> createContainerOnce(ContainerSpec spec, String user) {
        return Optional.empty();
    }

    /** Unpacks a tar stream into the container at {@code path}, which must exist in it. */
    void copyIn(String containerId, String path, InputStream tar);

    void start(String containerId);

    /**
     * Streams the container's output, line by line, until it exits, then returns its exit code; empty
     * when it still runs after {@code timeout} (it is left running).
     */
    OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout);

    /**
     * The engine's tar archive of {@code path} in the container, its entries starting with the
     * path's last name; empty when the path does not exist there.
     */
    Optional<InputStream> copyOut(String containerId, String path);

    ContainerState inspectContainer(String containerId);

    /** What the container wrote to stdout and stderr so far, interleaved: the last {@code lines} lines, all when 0. */
    List<String> logs(String containerId, int lines);

    /** Creates a network with these labels and returns its id. */
    String createNetwork(String name, Map<String, String> labels);

    /** Removes the network; a missing one is fine. */
    void removeNetwork(String networkId);

    /** The networks that carry every one of these labels. */
    List<Labelled> networksLabelled(Map<String, String> labels);

    /** Removes the container, running or not, and its anonymous volumes; a missing one is fine. */
    void removeContainer(String containerId);

    /** The containers, running or not, that carry every one of these labels. */
    List<Labelled> containersLabelled(Map<String, String> labels);
}
