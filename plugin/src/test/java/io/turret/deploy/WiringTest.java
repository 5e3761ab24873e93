package io.turret.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WiringTest {
    private final Deployment sample = Samples.sample();

    private DeployedService service(String name) {
        return sample.services().stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyServiceInThePomsOrderEachPinnedByItsDigest() {
        assertEquals(List.of("redis", "api", "worker", "frontend", "tools"),
                sample.services().stream().map(DeployedService::name).toList());
        assertEquals("registry.example:5000/shop/api@sha256:" + "b".repeat(64), service("api").image());
    }

    @Test
    void theTestContainersWiringComesAlongWithoutTheContainersOfOtherImages() {
        DeployedService api = service("api");
        assertEquals("api", api.alias());
        assertEquals(List.of("redis"), api.dependsOn(), "etcd is not released: the dependency on it is dropped");
        assertEquals(List.of(new Published(8080, "PUBLISH_API_8080")), api.ports());
        assertEquals(List.of(Setting.copied("DEPLOY_SUFFIX", "production"), Setting.variable("ENVIRONMENT"),
                Setting.variable("REDIS_MASTER")), api.environment());
        assertEquals(List.of(Setting.variable("ETCD_ENDPOINTS")), service("redis").environment());
    }

    @Test
    void aServiceNoTestContainerRanIsDeployedPlain() {
        assertEquals(new DeployedService("tools", "registry.example:5000/shop/tools", Samples.digest('e'), "tools", List.of(),
                List.of(), List.of(), List.of()), service("tools"));
    }

    @Test
    void theVariablesAreEveryReferenceSorted() {
        assertEquals(Set.of("API_URL", "ENVIRONMENT", "ETCD_ENDPOINTS", "PUBLISH_API_8080", "PUBLISH_FRONTEND_8000",
                "REDIS_MASTER"), sample.variables());
        assertEquals(List.copyOf(sample.variables()), sample.variables().stream().sorted().toList());
        assertEquals(Optional.of("production"), service("worker").environment().get(0).constant());
    }
}
