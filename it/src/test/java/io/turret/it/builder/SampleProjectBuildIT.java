package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code mvn turret:build} on sample-project, through a real Maven, as a user runs it. */
@ExtendWith(RegistryStackExtension.class)
class SampleProjectBuildIT {
    @TempDir
    Path project;

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensureAll();
    }

    @Test
    void buildsEveryServiceOfTheSample(DockerClient docker) throws Exception {
        SampleProject.copyTo(project);

        MavenRun.Result result = MavenRun.run(project, "turret:build");

        assertEquals(0, result.exitCode(), result.output());
        Path build = project.resolve("target/turret/build");
        assertTrue(Files.isExecutable(build.resolve("go/api")));
        assertTrue(Files.isExecutable(build.resolve("go/worker")));
        assertTrue(Files.isRegularFile(build.resolve("frontend/app/__main__.py")));
        assertTrue(Files.isRegularFile(project.resolve("target/turret/reports/TEST-build-go.xml")));
        assertTrue(Files.isRegularFile(project.resolve("target/turret/reports/TEST-build-frontend.xml")));
        assertTrue(result.output().contains("[INFO] [go] ok  \texample.com/turret-sample/"), "go test's lines are streamed");
        assertTrue(result.output().contains("[INFO] [frontend] "), "the front end's test lines are streamed");
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.turret.project", "turret-sample")).exec(), "builder containers left behind");
    }

    @Test
    void unchangedInputsReuseTheOutputsAndAChangedSourceIsBuiltAgain() throws Exception {
        SampleProject.copyTo(project);
        Path build = project.resolve("target/turret/build");
        MavenRun.Result first = MavenRun.run(project, "turret:build");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("[go] started in"), first.output());
        byte[] worker = Files.readAllBytes(build.resolve("go/worker"));
        Files.setLastModifiedTime(project.resolve("go/cmd/worker/main.go"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

        MavenRun.Result second = MavenRun.run(project, "turret:build");

        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("[go] reused the outputs of run "), second.output());
        assertTrue(second.output().contains("(inputs unchanged)"), second.output());
        assertTrue(second.output().contains("[frontend] reused the outputs of run "), second.output());
        assertFalse(second.output().contains("started in"), "no builder container started:\n" + second.output());
        assertTrue(Files.isExecutable(build.resolve("go/api")), "modes kept");
        assertArrayEquals(worker, Files.readAllBytes(build.resolve("go/worker")));
        assertTrue(Files.readString(project.resolve("target/turret/reports/TEST-build-go.xml")).contains("reused the outputs"));

        Path main = project.resolve("go/cmd/worker/main.go");
        Files.writeString(main, Files.readString(main).replace("logger.Print(\"stopped\")", "logger.Print(\"stopped now\")"));
        MavenRun.Result changed = MavenRun.run(project, "turret:build");

        assertEquals(0, changed.exitCode(), changed.output());
        assertTrue(changed.output().contains("[go] started in"), "the changed Go sources are built:\n" + changed.output());
        assertTrue(changed.output().contains("[frontend] reused the outputs of run "), changed.output());
        assertFalse(Arrays.equals(worker, Files.readAllBytes(build.resolve("go/worker"))), "the worker binary changed");

        MavenRun.Result rerun = MavenRun.run(project, "turret:build", "-Dturret.rerun=true");

        assertEquals(0, rerun.exitCode(), rerun.output());
        assertTrue(rerun.output().contains("[go] started in") && rerun.output().contains("[frontend] started in"),
                "turret.rerun runs every builder:\n" + rerun.output());
    }

    @Test
    void skipsWhenAskedAndSaysSo() throws Exception {
        SampleProject.copyTo(project);

        MavenRun.Result result = MavenRun.run(project, "turret:build", "-Dturret.build.skip=true");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Skipping turret:build (turret.build.skip=true)"), result.output());
        assertTrue(Files.notExists(project.resolve("target/turret/build")));
    }

    @Test
    void aConfigurationMistakeIsOneClearError() throws Exception {
        SampleProject.copyTo(project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<source>frontend</source>", "<source>front-end</source>"));

        MavenRun.Result result = MavenRun.run(project, "turret:build");

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("<builder> 'frontend': the source folder <source>front-end</source> does not exist"),
                result.output());
        assertTrue(result.output().lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace");
    }
}
