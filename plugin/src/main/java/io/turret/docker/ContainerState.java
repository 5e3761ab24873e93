package io.turret.docker;

import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine sees it now.
 *
 * @param exitCode meaningful when not running
 * @param health the health check's status ({@code starting}, {@code healthy}, {@code unhealthy}); empty without one
 * @param hostPorts container port ({@code 8080/tcp}) → the port of 127.0.0.1 it is published on
 * @param address its IP address on its network; empty when it has none
 */
public record ContainerState(boolean running, int exitCode, Optional<String> health, Map<String, Integer> hostPorts,
        Optional<String> address) {
    public ContainerState {
        hostPorts = Map.copyOf(hostPorts);
    }
}
