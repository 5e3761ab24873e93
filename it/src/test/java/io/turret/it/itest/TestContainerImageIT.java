package io.turret.it.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildSettings;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.RunResources;
import io.turret.failure.EnvironmentFailure;
import io.turret.it.engine.Runs;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.itest.TestContainerSpec;
import io.turret.report.Log;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test container's image that the engine lacks is pulled; one that cannot be pulled ends in one message, the
 * environment's when the registry cannot be reached.
 */
@ExtendWith(RegistryStackExtension.class)
class TestContainerImageIT {
    /** On a loopback port where no registry answers: the engine's pull fails at once, and no traffic leaves the machine. */
    static final String ABSENT = "127.0.0.1:9/turret-it/absent:none";

    @TempDir
    Path project;

    @Test
    void anImageThatCannotBePulledNamesTheContainerAndTheFix(DockerClient docker) {
        String projectName = "turret-it-absent-" + Long.toHexString(System.nanoTime());
        BuildSettings build = new BuildSettings(projectName, project, project.resolve("target"), project.resolve("target/turret"),
                1, List.of());
        EnvironmentSettings settings = new EnvironmentSettings(build, List.of(new TestContainerSpec("ghost", null, ABSENT,
                List.of("sleep", "60"), Map.of(), null, List.of(), null, null, List.of())), List.of(), Map.of(), false);
        DockerJavaAccess engine = DockerJavaAccess.connect();

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, () -> {
            try (RunResources run = Runs.open(engine, "it-" + Long.toHexString(System.nanoTime()), projectName,
                    build.turretDirectory(), Log.silent())) {
                new IntegrationTests(engine, Log.silent(), Runs.liveness()).run(settings, run);
            }
        });

        assertTrue(failure.getMessage().startsWith("<container> 'ghost': the image " + ABSENT + " is not in the Docker engine"
                + " and could not be pulled ("), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("); build or load it first, or fix <image>."), failure.getMessage());
        assertFalse(failure.getMessage().contains("Status 404"), failure.getMessage());
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.turret.project", projectName)).exec(), "containers left");
        assertTrue(docker.listNetworksCmd().exec().stream().noneMatch(network -> network.getLabels() != null
                && projectName.equals(network.getLabels().get("io.turret.project"))), "networks left");
    }
}
