package io.turret.docker;

import io.turret.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container is made of.
 *
 * @param command the command; empty for the image's own
 * @param workingDirectory null for the image's own
 * @param network the network mode: {@code none}, {@code bridge} or a network's name
 * @param volumes named volume → path in the container
 * @param aliases the names other containers on {@code network} reach it by
 * @param published container ports ({@code 8080/tcp}) published on a free port of 127.0.0.1
 * @param entrypoint replaces the image's ENTRYPOINT (and with it the image's CMD); empty for the image's own
 * @param platform the platform the container runs as (emulated when not the engine's); empty for the engine's own
 */
public record ContainerSpec(String name, String image, List<String> command, String workingDirectory,
        Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes,
        List<String> aliases, List<String> published, List<String> entrypoint, Optional<Platform> platform) {

    public ContainerSpec {
        Objects.requireNonNull(platform, "platform");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
        volumes = Map.copyOf(volumes);
        aliases = List.copyOf(aliases);
        published = List.copyOf(published);
        entrypoint = List.copyOf(entrypoint);
    }

    /** A container of the engine's own platform. */
    public ContainerSpec(String name, String image, List<String> command, String workingDirectory,
            Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes,
            List<String> aliases, List<String> published, List<String> entrypoint) {
        this(name, image, command, workingDirectory, environment, labels, network, volumes, aliases, published, entrypoint,
                Optional.empty());
    }

    /** A container that others reach on {@code network}, started with the image's own entrypoint. */
    public ContainerSpec(String name, String image, List<String> command, String workingDirectory,
            Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes,
            List<String> aliases, List<String> published) {
        this(name, image, command, workingDirectory, environment, labels, network, volumes, aliases, published, List.of());
    }

    /** A container that nothing else reaches: a builder, a test runner. */
    public ContainerSpec(String name, String image, List<String> command, String workingDirectory,
            Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes) {
        this(name, image, command, workingDirectory, environment, labels, network, volumes, List.of(), List.of());
    }

    /** This container, run with {@code entrypoint} whatever the image's ENTRYPOINT is. */
    public ContainerSpec withEntrypoint(List<String> entrypoint) {
        return new ContainerSpec(name, image, command, workingDirectory, environment, labels, network, volumes, aliases,
                published, entrypoint, platform);
    }

    /** This container, run as {@code platform}: its image must be of that platform. */
    public ContainerSpec withPlatform(Platform platform) {
        return new ContainerSpec(name, image, command, workingDirectory, environment, labels, network, volumes, aliases,
                published, entrypoint, Optional.of(platform));
    }
}
