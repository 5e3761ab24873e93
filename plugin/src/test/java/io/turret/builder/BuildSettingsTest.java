package io.turret.builder;

import static io.turret.builder.BuilderSpecTest.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSettingsTest {
    @TempDir
    Path project;

    private BuildSettings settings(List<BuilderSpec> builders) {
        return new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 2, builders);
    }

    @Test
    void refusesAMissingSourceFolderNamingIt() {
        UserFailure failure = assertThrows(UserFailure.class,
                () -> settings(List.of(builder("go", List.of("gox"), "make", List.of()))));

        assertTrue(failure.getMessage().contains("'go'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("<source>gox</source> does not exist"), failure.getMessage());
    }

    @Test
    void refusesTwoBuildersOfOneName() throws Exception {
        Files.createDirectories(project.resolve("go"));

        UserFailure failure = assertThrows(UserFailure.class, () -> settings(List.of(
                builder("go", List.of("go"), "make", List.of()), builder("go", List.of("go"), "make", List.of()))));

        assertTrue(failure.getMessage().contains("Two builders are named 'go'"), failure.getMessage());
    }

    @Test
    void anUnknownBuilderReferencedElsewhereIsNamedWithTheKnownOnes() throws Exception {
        Files.createDirectories(project.resolve("go"));
        BuildSettings settings = settings(List.of(builder("go", List.of("go"), "make", List.of())));

        UserFailure failure = assertThrows(UserFailure.class, () -> settings.builder("golang", "<service> 'api', <layer>"));

        assertEquals("<service> 'api', <layer> refers to the builder 'golang', which is not one of the <builders> [go];"
                + " add it or fix the name.", failure.getMessage());
    }

    @Test
    void refusesZeroThreads() {
        assertThrows(UserFailure.class,
                () -> new BuildSettings("sample", project, project, project, 0, List.of()));
    }

    @Test
    void placesOutputsLogsAndReportsUnderTargetTurret() throws Exception {
        Files.createDirectories(project.resolve("go"));
        BuildSettings settings = settings(List.of(builder("go", List.of("go"), "make", List.of())));

        assertEquals(project.resolve("target/turret/build/go"), settings.outputDirectory(settings.builders().get(0)));
        assertEquals(project.resolve("target/turret/reports"), settings.reports());
        assertEquals(project.resolve("target/turret/logs"), settings.logs());
    }
}
