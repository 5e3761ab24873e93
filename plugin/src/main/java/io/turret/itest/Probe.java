package io.turret.itest;

import java.util.List;
import java.util.Optional;

/** What a wait strategy may look at while a container starts. */
public interface Probe {
    /** The container's log so far (its last lines). */
    List<String> logLines();

    /** Its health check's status, when its image has one. */
    Optional<String> health();

    /**
     * Where Turret reaches the container's {@code port}: its address on the test network (the engine's
     * port proxy on 127.0.0.1 accepts connections before the container listens), else the published port.
     */
    Optional<String> hostAndPort(int port);
}
