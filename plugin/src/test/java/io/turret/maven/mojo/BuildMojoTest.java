package io.turret.maven.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildMojoTest {
    @TempDir
    Path project;

    private final List<String> logged = new ArrayList<>();

    private BuildMojo mojo(Builder... builders) {
        BuildMojo mojo = new BuildMojo();
        mojo.projectName = "sample";
        mojo.projectDirectory = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.builders = Arrays.asList(builders);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }
        });
        return mojo;
    }

    private static Builder go() {
        Builder builder = new Builder();
        builder.name = "go";
        builder.image = "golang:1.22";
        builder.sources = List.of("go");
        builder.script = "go build ./...";
        builder.outputs = List.of("/out");
        return builder;
    }

    @Test
    void skipSaysSoAndTouchesNothing() throws Exception {
        BuildMojo mojo = mojo(go());
        mojo.skipBuild = true;

        mojo.execute();

        assertEquals(List.of("Skipping turret:build (turret.build.skip=true)"), logged);
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void turretSkipSkipsEveryGoalNamingItsOwnProperty() throws Exception {
        BuildMojo mojo = mojo(go());
        mojo.skip = true;

        mojo.execute();

        assertEquals(List.of("Skipping turret:build (turret.skip=true)"), logged);
    }

    @Test
    void aConfigurationMistakeIsAMojoFailureNamingTheElement() {
        Builder relative = go();
        relative.outputs = List.of("out");

        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(relative).execute());

        assertTrue(failure.getMessage().startsWith("<builder> 'go': <output>out</output> is not an absolute path"),
                failure.getMessage());
    }

    @Test
    void aMissingSourceFolderIsAMojoFailure() {
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(go()).execute());

        assertTrue(failure.getMessage().contains("<source>go</source> does not exist"), failure.getMessage());
    }

    @Test
    void mapsTheConfigurationAsMavenFillsIt() throws Exception {
        Files.createDirectories(project.resolve("go"));
        Builder builder = go();
        builder.sources = Arrays.asList("go", null);
        Map<String, String> environment = new HashMap<>();
        environment.put("CGO_ENABLED", "0");
        environment.put("EMPTY", null);
        builder.environment = environment;
        builder.caches = null;
        BuildMojo mojo = mojo(builder);
        mojo.threads = 3;

        var settings = ConfigurationMapper.build(mojo);

        var spec = settings.builders().get(0);
        assertEquals(List.of("go"), spec.sources());
        assertEquals(Map.of("CGO_ENABLED", "0", "EMPTY", ""), spec.environment());
        assertEquals(List.of(), spec.caches());
        assertEquals("/workspace", spec.workingDirectory());
        assertEquals("none", spec.network());
        assertEquals(3, settings.threads());
        assertEquals(project.resolve("target/turret/build/go"), settings.outputDirectory(spec));
    }

    @Test
    void noBuildersMeansNothingToBuild() {
        BuildMojo mojo = mojo();
        mojo.builders = null;

        assertTrue(ConfigurationMapper.build(mojo).builders().isEmpty());
    }
}
