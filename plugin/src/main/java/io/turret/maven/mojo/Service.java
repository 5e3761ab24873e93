package io.turret.maven.mojo;

import java.util.List;
import java.util.Map;

/**
 * A {@code <service>} of the plugin configuration, as Maven fills it. It becomes a
 * {@link io.turret.image.ServiceSpec}, checked, in {@link ConfigurationMapper}.
 */
public class Service {
    /** Names the service and its image: {@code REGISTRY/NAMESPACE/NAME:SUFFIX}. */
    String name;

    /** {@code scratch}, an image reference, or a {@code docker save} tarball path ending in {@code .tar}. */
    String base;

    /**
     * The base of one platform's image, over {@code base}: keyed by the platform's folder name
     * ({@code linux-arm64}), each a base as {@code base} takes it. Optional.
     */
    Map<String, String> platformBases = Map.of();

    /** The files of the image, each from a build output or a project folder. */
    List<Layer> layers = List.of();

    /** The command the image runs, as separate arguments; the base's when not given. */
    List<String> entrypoint = List.of();

    /** Arguments to the entrypoint; the base's when not given. */
    List<String> cmd = List.of();

    /** Environment variables of the image, added to the base's. */
    Map<String, String> environment = Map.of();

    /** Ports the image exposes: {@code 8080}, {@code 8080/tcp}, {@code 53/udp}. */
    List<String> ports = List.of();

    /** The user the image runs as: {@code NAME}, {@code UID} or {@code UID:GID}. */
    String user;

    /** The image's working directory, an absolute path. */
    String workingDirectory;

    /** Labels of the image, added to the OCI labels Turret sets. */
    Map<String, String> labels = Map.of();
}
