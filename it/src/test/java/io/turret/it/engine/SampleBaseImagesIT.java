package io.turret.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.turret.it.stack.RegistryStackExtension;

@ExtendWith(RegistryStackExtension.class)
class SampleBaseImagesIT {
    private static SampleBaseImages images;

    @BeforeAll
    static void makeThem() {
        images = SampleBaseImages.onDefaultEngine();
        images.ensureAll();
    }

    @Test
    void aWarmRunMakesNothing() {
        assertTrue(images.ensureAll().isEmpty(), "every image was already in the engine");
    }

    @Test
    void goBuilderCompilesAStaticBinary(DockerClient docker) throws Exception {
        OneShotContainer.Result result = OneShotContainer.run(docker, SampleBaseImages.GO_BUILDER.reference(), "sh", "-c",
                "cd /tmp && printf 'package main\\nimport \"fmt\"\\nfunc main() { fmt.Println(\"hello from go\") }\\n' > main.go"
                        + " && CGO_ENABLED=0 GOCACHE=/tmp/cache go build -o hello main.go && ./hello");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("hello from go"), result.output());
    }

    @Test
    void pythonRuns(DockerClient docker) throws Exception {
        OneShotContainer.Result result = OneShotContainer.run(docker, SampleBaseImages.PYTHON.reference(),
                "python3", "-c", "import http.server, unittest; print('python', 6 * 7)");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("python 42"), result.output());
    }

    @Test
    void redisServerIsThere(DockerClient docker) throws Exception {
        OneShotContainer.Result result = OneShotContainer.run(docker, SampleBaseImages.REDIS.reference(),
                "redis-server", "--version");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().startsWith("Redis server v=7"), result.output());
    }

    @Test
    void etcdIsThere(DockerClient docker) throws Exception {
        OneShotContainer.Result result = OneShotContainer.run(docker, SampleBaseImages.ETCD.reference(),
                "/usr/bin/etcd", "--version");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().startsWith("etcd Version: 3."), result.output());
    }

    @Test
    void theArm64BasesRunAsAarch64UnderEmulation(DockerClient docker) throws Exception {
        images.ensureArm64();

        for (SampleBaseImages.Recipe recipe : SampleBaseImages.ALL_ARM64) {
            assertEquals("arm64", docker.inspectImageCmd(recipe.reference()).exec().getArch(), recipe.reference());
        }
        OneShotContainer.Result result = OneShotContainer.run(docker, SampleBaseImages.PYTHON.arm64().reference(),
                "python3", "-c", "import platform; print('python on', platform.machine())");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("python on aarch64"), result.output());
    }

    @Test
    void aMissingImageIsReportedMissing() {
        assertFalse(images.present(new SampleBaseImages.Recipe("turret-sample/never-made", "x", java.util.List.of())));
    }
}
