package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A builder image that cannot be pulled ends a real Maven run in one message, with no stack trace before it. */
class MissingBuilderImageIT {
    /** On a loopback port where no registry answers: the engine's pull fails at once, and no traffic leaves the machine. */
    static final String ABSENT = "127.0.0.1:9/turret-it/absent:none";

    @TempDir
    Path project;

    @Test
    void endsInOneMessageNamingTheBuilder() throws Exception {
        Files.createDirectories(project.resolve("src"));
        TurretPom.write(project, "missing-builder-image", """
                <builders>
                  <builder>
                    <name>py</name>
                    <image>%s</image>
                    <sources><source>src</source></sources>
                    <script>true</script>
                  </builder>
                </builders>
                """.formatted(ABSENT));

        MavenRun.Result result = MavenRun.run(project, "turret:build");

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("<builder> 'py': the image " + ABSENT + " is not in the Docker engine and could"
                + " not be pulled ("), result.output());
        assertFalse(result.output().contains("Error during callback"), result.output());
        assertFalse(result.output().contains("Status 500"), "the engine's raw response in:\n" + result.output());
        assertFalse(result.output().contains("\tat "), "a stack trace in:\n" + result.output());
    }
}
