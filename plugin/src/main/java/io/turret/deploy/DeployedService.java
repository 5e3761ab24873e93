package io.turret.deploy;

import io.turret.oci.Digest;
import java.util.List;

/**
 * One service as the deployment files run it: its image pinned by digest, and the wiring of the
 * test container that ran it (none for a service no test container ran).
 *
 * @param repository {@code REGISTRY/NAMESPACE/SERVICE}
 * @param digest what the suffix tag points at: a manifest, or an index for a multi-platform release
 * @param command the image's own when empty
 * @param dependsOn the other deployed services it starts after
 */
public record DeployedService(String name, String repository, Digest digest, String alias, List<String> command,
        List<Setting> environment, List<Published> ports, List<String> dependsOn) {
    public DeployedService {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
    }

    /** {@code REGISTRY/NAMESPACE/SERVICE@sha256:...}. */
    public String image() {
        return repository + "@" + digest;
    }
}
