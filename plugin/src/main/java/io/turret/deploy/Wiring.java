package io.turret.deploy;

import io.turret.itest.TestContainerSpec;
import io.turret.oci.Digest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wiring the integration tests used, carried over to the deployed services: each service takes
 * the alias, command, environment, published ports and dependencies of the first test container that
 * ran it. Containers of any other image (an etcd the tests started) are not part of the release: they
 * are left out, a dependency on one is dropped, and a value naming one becomes a variable.
 */
public final class Wiring {
    private Wiring() {
    }

    /**
     * @param repositories each service's {@code REGISTRY/NAMESPACE/SERVICE}, by service, in the pom's order
     * @param digests what each service's suffix tag points at
     */
    public static Deployment of(String registry, String namespace, String suffix, Map<String, String> repositories,
            Map<String, Digest> digests, List<TestContainerSpec> containers) {
        Set<String> aliases = new HashSet<>();
        Map<String, String> serviceOfContainer = new LinkedHashMap<>();
        for (TestContainerSpec container : containers) {
            aliases.add(container.alias());
            aliases.add(container.name());
            if (container.service() != null && repositories.containsKey(container.service())) {
                serviceOfContainer.put(container.name(), container.service());
            }
        }
        ProductionValues values = new ProductionValues(aliases);
        List<DeployedService> services = new ArrayList<>();
        repositories.forEach((service, repository) -> {
            Optional<TestContainerSpec> tested = containers.stream().filter(c -> service.equals(c.service())).findFirst();
            Digest digest = digests.get(service);
            if (tested.isEmpty()) {
                services.add(new DeployedService(service, repository, digest, service, List.of(), List.of(), List.of(), List.of()));
                return;
            }
            TestContainerSpec container = tested.get();
            List<Setting> environment = new ArrayList<>();
            container.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> environment.add(values.setting(entry.getKey(), entry.getValue())));
            List<Published> ports = container.ports().stream()
                    .map(port -> new Published(port, "PUBLISH_" + variablePart(service) + "_" + port)).toList();
            List<String> dependsOn = container.dependsOn().stream().map(serviceOfContainer::get)
                    .filter(other -> other != null && !other.equals(service)).distinct().toList();
            services.add(new DeployedService(service, repository, digest, container.alias(), container.command(), environment,
                    ports, dependsOn));
        });
        return new Deployment(registry, namespace, suffix, services);
    }

    private static String variablePart(String service) {
        return service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
