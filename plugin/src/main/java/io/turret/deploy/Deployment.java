package io.turret.deploy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A release's services as the deployment files run them.
 *
 * @param namespace {@code <namespace>}: it names the units, their containers and their network
 * @param suffix the suffix whose tags gave the digests
 */
public record Deployment(String registry, String namespace, String suffix, List<DeployedService> services) {
    public Deployment {
        services = List.copyOf(services);
    }

    /** Every variable the deployer gives, sorted. */
    public Set<String> variables() {
        Set<String> names = new TreeSet<>();
        for (DeployedService service : services) {
            service.environment().stream().filter(Setting::isVariable).forEach(setting -> names.add(setting.name()));
            service.ports().forEach(port -> names.add(port.variable()));
        }
        return names;
    }

    /** What names the units, their containers and their network: the namespace, '/' as '-'; {@code turret} if none. */
    public String prefix() {
        return namespace.isEmpty() ? "turret" : namespace.replace('/', '-');
    }
}
