package io.turret.docker;

import java.util.List;
import java.util.Map;

/**
 * What a container is made of.
 *
 * @param network the network mode: {@code none}, {@code bridge} or a network's name
 * @param volumes named volume → path in the container
 */
public record ContainerSpec(String name, String image, List<String> command, String workingDirectory,
        Map<String, String> environment, Map<String, String> labels, String network, Map<String, String> volumes) {

    public ContainerSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
        volumes = Map.copyOf(volumes);
    }
}
