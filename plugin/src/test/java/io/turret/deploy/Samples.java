package io.turret.deploy;

import io.turret.itest.TestContainerSpec;
import io.turret.oci.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sample project's wiring, as its pom gives it, and a digest per service. */
final class Samples {
    static final String REGISTRY = "registry.example:5000";

    private Samples() {
    }

    static Digest digest(char c) {
        return new Digest(String.valueOf(c).repeat(64));
    }

    static TestContainerSpec container(String service, Map<String, String> environment, List<Integer> ports,
            List<String> dependsOn) {
        return new TestContainerSpec(null, service, null, List.of(), environment, null, ports, null, null, dependsOn);
    }

    static Map<String, String> repositories(String... services) {
        Map<String, String> repositories = new LinkedHashMap<>();
        for (String service : services) {
            repositories.put(service, REGISTRY + "/shop/" + service);
        }
        return repositories;
    }

    /** The sample's four services, wired as its test environment is, and an etcd of another image they depend on. */
    static Deployment sample() {
        List<TestContainerSpec> containers = List.of(
                new TestContainerSpec("etcd", null, "turret-sample/etcd:bookworm-1", List.of(), Map.of(), null, List.of(), null,
                        null, List.of()),
                container("redis", Map.of("ETCD_ENDPOINTS", "http://etcd:2379"), List.of(), List.of("etcd")),
                container("api", Map.of("REDIS_MASTER", "redis:6379", "ENVIRONMENT", "test-env-wired", "DEPLOY_SUFFIX",
                        "production"), List.of(8080), List.of("redis", "etcd")),
                container("worker", Map.of("REDIS_MASTER", "redis:6379", "DEPLOY_SUFFIX", "production"), List.of(),
                        List.of("redis")),
                container("frontend", Map.of("API_URL", "http://api:8080", "DEPLOY_SUFFIX", "production"), List.of(8000),
                        List.of("api")));
        Map<String, Digest> digests = Map.of("redis", digest('a'), "api", digest('b'), "worker", digest('c'), "frontend",
                digest('d'), "tools", digest('e'));
        return Wiring.of(REGISTRY, "shop", "production", repositories("redis", "api", "worker", "frontend", "tools"), digests,
                containers);
    }

    /** One service whose copied value is crafted to leave its scalar or its line. */
    static Deployment crafted(String value) {
        return Wiring.of(REGISTRY, "shop", "production", repositories("api"), Map.of("api", digest('b')),
                List.of(new TestContainerSpec(null, "api", null, List.of("--flag", value, ";"), Map.of("MODE", value), null,
                        List.of(8080), null, null, List.of())));
    }
}
