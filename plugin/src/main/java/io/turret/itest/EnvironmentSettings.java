package io.turret.itest;

import io.turret.builder.BuildSettings;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The test environment and its runners, checked: unique names, known dependencies without
 * cycles, and an assembled image for every service it starts.
 *
 * @param serviceImages service → the id of the image turret:assemble made for it
 * @param keep leave the environment up at the end, for debugging
 * @param platform the platform the services' containers run as (emulated when it is not the engine's), their images
 *     being of that platform; empty for the engine's own. Other containers and the runners always run natively.
 */
public record EnvironmentSettings(BuildSettings build, List<TestContainerSpec> containers, List<RunnerSpec> runners,
        Map<String, Digest> serviceImages, boolean keep, Optional<Platform> platform) {

    public EnvironmentSettings {
        Objects.requireNonNull(platform, "platform");
        containers = List.copyOf(containers);
        runners = List.copyOf(runners);
        serviceImages = Map.copyOf(serviceImages);
        Set<String> names = new HashSet<>();
        Map<String, String> aliases = new HashMap<>();
        for (TestContainerSpec container : containers) {
            if (!names.add(container.name())) {
                throw new UserFailure("Two test containers are named '" + container.name() + "'; give each <container> its own"
                        + " <name>.");
            }
            String other = aliases.putIfAbsent(container.alias(), container.name());
            if (other != null) {
                throw new UserFailure("The test containers '" + other + "' and '" + container.name() + "' both have the alias '"
                        + container.alias() + "' (a container's <alias> is its <name> unless given); the runners would reach"
                        + " either. Give each <container> its own <alias>.");
            }
        }
        for (TestContainerSpec container : containers) {
            for (String dependency : container.dependsOn()) {
                if (!names.contains(dependency)) {
                    throw new UserFailure(TestContainerSpec.where(container.name()) + "<dependsOn> names '" + dependency
                            + "', which is not one of the test containers " + names.stream().sorted().toList() + ".");
                }
            }
        }
        Set<String> runnerNames = new HashSet<>();
        for (RunnerSpec runner : runners) {
            if (!runnerNames.add(runner.name())) {
                throw new UserFailure("Two runners are named '" + runner.name() + "'; give each <runner> its own <name>.");
            }
        }
        startOrder(containers);
    }

    /** The environment on the engine's own platform. */
    public EnvironmentSettings(BuildSettings build, List<TestContainerSpec> containers, List<RunnerSpec> runners,
            Map<String, Digest> serviceImages, boolean keep) {
        this(build, containers, runners, serviceImages, keep, Optional.empty());
    }

    /** The same environment, each service on the image {@code serviceImages} names (service → image id). */
    public EnvironmentSettings withServiceImages(Map<String, Digest> serviceImages) {
        return new EnvironmentSettings(build, containers, runners, serviceImages, keep, platform);
    }

    /**
     * The same environment for {@code platform}'s images: each service's container runs as that platform, under
     * emulation when the engine's is another. Give it that platform's images too ({@link #withServiceImages}).
     */
    public EnvironmentSettings withPlatform(Platform platform) {
        return new EnvironmentSettings(build, containers, runners, serviceImages, keep, Optional.of(platform));
    }

    /** Refuses a container whose service has no assembled image: the settings of a goal that reads images.json. */
    public EnvironmentSettings requireServiceImages() {
        containers.stream().filter(container -> container.service() != null)
                .forEach(container -> serviceImage(container.name(), container.service()));
        return this;
    }

    /** The id of the image turret:assemble made for {@code service}, the service of the test container {@code container}. */
    public Digest serviceImage(String container, String service) {
        Digest imageId = service == null ? null : serviceImages.get(service);
        if (imageId == null) {
            throw new UserFailure(TestContainerSpec.where(container) + "the service '" + service
                    + "' has no assembled image in target/turret/images.json; run turret:assemble first"
                    + " (mvn turret:build turret:assemble turret:integration-test -Dsuffix=...), or fix <service>.");
        }
        return imageId;
    }

    /** The containers in an order that starts each after what it depends on, otherwise as written. */
    public List<TestContainerSpec> startOrder() {
        return startOrder(containers);
    }

    private static List<TestContainerSpec> startOrder(List<TestContainerSpec> containers) {
        Map<String, TestContainerSpec> pending = new LinkedHashMap<>();
        containers.forEach(container -> pending.put(container.name(), container));
        List<TestContainerSpec> order = new ArrayList<>();
        Set<String> started = new HashSet<>();
        while (!pending.isEmpty()) {
            TestContainerSpec next = pending.values().stream().filter(c -> started.containsAll(c.dependsOn())).findFirst()
                    .orElseThrow(() -> new UserFailure("The test containers " + pending.keySet() + " depend on each other in a"
                            + " cycle; remove one of their <dependsOn>."));
            order.add(next);
            started.add(next.name());
            pending.remove(next.name());
        }
        return order;
    }

    public Path stateFile() {
        return build.turretDirectory().resolve("environment.json");
    }

    public Path testedFile() {
        return build.turretDirectory().resolve("tested.json");
    }

    public Path runnerReports(RunnerSpec runner) {
        return build.reports().resolve("it-" + runner.name());
    }
}
