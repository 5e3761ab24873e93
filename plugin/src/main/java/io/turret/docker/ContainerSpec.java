package io.turret.docker;

import java.util.List;
import java.util.Map;

/**
 * What a container is made of.
 *
 * @param command the command; empty for the image's own
 * @param workingDirectory null for the image's own
 * @param network the network mode: {@code none}, {@code bridge} or a network's name
 * @param volumes named volume → path in the container
 * @param aliases the names other containers on {@code network} reach it by
 * @param published container ports ({@code 8080/tcp}) published on a free port of 127.0.0.1
 */
public record ContainerSpec(String name, String image, List<String> command, String workingDirectory,
        Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes,
        List<String> aliases, List<String> published) {

    public ContainerSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
        volumes = Map.copyOf(volumes);
        aliases = List.copyOf(aliases);
        published = List.copyOf(published);
    }

    /** A container that nothing else reaches: a builder, a test runner. */
    public ContainerSpec(String name, String image, List<String> command, String workingDirectory,
            Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes) {
        this(name, image, command, workingDirectory, environment, labels, network, volumes, List.of(), List.of());
    }
}
