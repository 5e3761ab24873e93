package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.turret.builder.BuildFailure;
import io.turret.builder.BuildResult;
import io.turret.builder.BuilderSpec;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builder images as teams have them: an ENTRYPOINT, a USER, a WORKDIR. */
class ScriptContainerIT {
    static final String ENTRYPOINT_IMAGE = "turret-it/entrypoint:1";

    @TempDir
    Path project;

    /** An image whose entrypoint would run for an hour, as a user and in a folder of its own. */
    @BeforeAll
    static void entrypointImage(@TempDir Path context) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        Files.writeString(context.resolve("Dockerfile"), """
                FROM %s
                RUN mkdir /out && chown nobody /out
                USER nobody
                WORKDIR /opt
                ENTRYPOINT ["sleep", "3600"]
                CMD ["ignored"]
                """.formatted(SampleBaseImages.PYTHON.reference()));
        DockerClient docker = RegistryStackExtension.engine().client();
        docker.buildImageCmd(context.toFile()).withTags(Set.of(ENTRYPOINT_IMAGE)).exec(new BuildImageResultCallback())
                .awaitImageId();
    }

    @Test
    void theScriptRunsWhateverTheImagesEntrypointAsItsUserInTheWorkingDirectory() throws Exception {
        Files.createDirectories(project.resolve("src"));
        BuilderSpec builder = new BuilderSpec("ep", ENTRYPOINT_IMAGE, List.of("src"), null,
                "echo \"$(id -un) in $(pwd)\" > /out/where", Map.of(), List.of("/out"), List.of(), null, List.of());

        List<BuildResult> results = new EngineBuilds().run("turret-it-entrypoint", project, List.of(builder));

        assertTrue(results.get(0).passed(), results.get(0).log());
        assertEquals("nobody in /workspace\n", Files.readString(project.resolve("target/turret/build/ep/where")));
    }

    @Test
    void aScriptStillRunningAtItsTimeoutIsStoppedAndFailsNamingIt() throws Exception {
        Files.createDirectories(project.resolve("src"));
        BuilderSpec builder = new BuilderSpec("slow", SampleBaseImages.PYTHON.reference(), List.of("src"), null,
                "echo waiting for a server that never comes\nsleep 600", Map.of(), List.of(), List.of(), null, List.of(),
                Duration.ofSeconds(3));
        Instant started = Instant.now();

        BuildFailure failure = assertThrows(BuildFailure.class,
                () -> new EngineBuilds().run("turret-it-timeout", project, List.of(builder)));

        assertTrue(Duration.between(started, Instant.now()).toSeconds() < 30, "stopped at its timeout");
        assertTrue(failure.getMessage().startsWith("builder 'slow' failed: its script was still running after its <timeout> of"
                + " 3 s and was stopped"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("lines of its log:\nwaiting for a server that never comes"), failure.getMessage());
        assertTrue(Files.readString(project.resolve("target/turret/reports/TEST-build-slow.xml"))
                .contains("stopped after its timeout of 3 s"));
        assertEquals(List.of(), RegistryStackExtension.engine().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.turret.project", "turret-it-timeout")).exec(), "containers left");
    }
}
