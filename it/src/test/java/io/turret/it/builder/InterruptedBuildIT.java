package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A build stopped the way Ctrl-C or Jenkins' abort stops Maven leaves no container behind, and is told as interrupted. */
@ExtendWith(RegistryStackExtension.class)
class InterruptedBuildIT {
    @TempDir
    Path project;

    @Test
    void anInterruptedBuildRemovesItsContainer(DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        Files.createDirectories(project.resolve("src"));
        TurretPom.write(project, "interrupted-build", """
                <builders>
                  <builder>
                    <name>slow</name>
                    <image>%s</image>
                    <sources><source>src</source></sources>
                    <script>echo started; sleep 600</script>
                  </builder>
                </builders>
                """.formatted(SampleBaseImages.PYTHON.reference()));
        Map<String, String> labels = Map.of("io.turret.project", "interrupted-build");

        MavenRun.interruptOnceLogged(MavenRun.start(project, "turret:build"), project, "[slow] started");

        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        String output = Files.readString(project.resolve("maven-output.log"));
        assertTrue(output.contains("[slow] interrupted"), output);
        assertFalse(output.contains("exit code") || output.contains("builder 'slow' failed"), "told as a failure:\n" + output);
    }
}
