package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.builder.BuildSettings;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentSettingsTest {
    @TempDir
    Path project;

    static TestContainerSpec container(String name, String service, String image, String... dependsOn) {
        return new TestContainerSpec(name, service, image, List.of(), Map.of(), null, List.of(), null, null, List.of(dependsOn));
    }

    private EnvironmentSettings settings(TestContainerSpec... containers) {
        BuildSettings build = new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 2,
                List.of());
        return new EnvironmentSettings(build, List.of(containers), List.of(), Map.of("api", Digest.of(new byte[] {1}), "worker", Digest.of(new byte[] {2})),
                false);
    }

    @Test
    void startsEachContainerAfterWhatItDependsOnOtherwiseAsWritten() {
        EnvironmentSettings settings = settings(container(null, "api", null, "redis"), container(null, "worker", null, "redis", "api"),
                container("redis", null, "redis:7"), container("cache", null, "memcached"));

        assertEquals(List.of("redis", "api", "worker", "cache"), settings.startOrder().stream().map(TestContainerSpec::name).toList());
    }

    @Test
    void twoContainersMayNotShareAnAlias() {
        TestContainerSpec cache = new TestContainerSpec("cache", null, "redis:7", List.of(), Map.of(), "store", List.of(), null,
                null, List.of());
        TestContainerSpec store = container("store", null, "etcd:3");

        UserFailure failure = assertThrows(UserFailure.class, () -> settings(cache, store));

        assertTrue(failure.getMessage().startsWith("The test containers 'cache' and 'store' both have the alias 'store'"),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Give each <container> its own <alias>."), failure.getMessage());
    }

    @Test
    void aPortListedTwiceIsRefused() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new TestContainerSpec("redis", null, "redis:7", List.of(),
                Map.of(), null, List.of(6379, 8080, 6379), null, null, List.of()));

        assertEquals("<container> 'redis': <ports> lists <port>6379</port> twice; list each port once.", failure.getMessage());
    }

    @Test
    void aCycleIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(container(null, "api", null, "worker"),
                container(null, "worker", null, "api")));

        assertEquals("The test containers [api, worker] depend on each other in a cycle; remove one of their <dependsOn>.",
                failure.getMessage());
    }

    @Test
    void anUnknownDependencyIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(container(null, "api", null, "redis")));

        assertEquals("<container> 'api': <dependsOn> names 'redis', which is not one of the test containers [api].",
                failure.getMessage());
    }

    @Test
    void aServiceWithoutAnAssembledImageSaysToAssembleFirst() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(container(null, "frontend", null))
                .requireServiceImages());

        assertTrue(failure.getMessage().startsWith("<container> 'frontend': the service 'frontend' has no assembled image"
                + " in target/turret/images.json; run turret:assemble first"), failure.getMessage());
    }

    @Test
    void aContainerIsAServiceOrAnImageNotBoth() {
        assertThrows(UserFailure.class, () -> container("x", "api", "redis:7"));
        assertThrows(UserFailure.class, () -> container("x", null, null));
        assertEquals("api", container(null, "api", null).alias());
    }

    @Test
    void twoContainersOfOneNameAreRefused() {
        assertThrows(UserFailure.class, () -> settings(container(null, "api", null), container("api", null, "redis:7")));
    }
}
