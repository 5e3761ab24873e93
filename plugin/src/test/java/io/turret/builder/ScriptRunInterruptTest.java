package io.turret.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.docker.EngineImage;
import io.turret.docker.FakeDocker;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.failure.Interrupted;
import io.turret.report.Log;
import io.turret.report.RecordingLog;
import io.turret.run.FakeProcesses;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ScratchFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner stopped by a stop of the run (Ctrl-C, its thread interrupted) is told as interrupted, never as failed. */
class ScriptRunInterruptTest {
    private static final String IMAGE = "tools/go:1";

    @TempDir
    Path project;

    private final FakeDocker docker = new FakeDocker();
    private final RecordingLog log = new RecordingLog();
    private RunResources run;
    private BuilderSpec runner;
    private ScriptRun scripts;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(project.resolve("tests"));
        docker.images.put(IMAGE, new EngineImage("sha256:" + "a".repeat(64), 1, List.of()));
        Owner self = Owner.current();
        Liveness liveness = new Liveness(self, new FakeProcesses().running(self), Duration.ofHours(6), Clock.systemUTC());
        run = RunResources.open(docker, "run-1", "shop", new Leftovers(liveness, (stateFile, runId) -> false),
                new ScratchFolders(project.resolve("target/turret/tmp"), liveness, Log.silent()), Log.silent());
        runner = new BuilderSpec("go-integration", IMAGE, List.of("tests"), null, "go test ./...", Map.of(), List.of(),
                List.of(), null, List.of());
        scripts = new ScriptRun(docker, run, new BuildSettings("shop", project, project.resolve("target"),
                project.resolve("target/turret"), 1, List.of()), log);
    }

    @AfterEach
    void close() {
        Thread.interrupted();
        run.close();
    }

    private BuildResult runTheRunner() {
        return scripts.run(runner, new ScriptRun.Purpose("test", "it-go-integration", project.resolve("target/reports"), true,
                "go", null));
    }

    @Test
    void aRunnerWhoseWaitIsInterruptedIsToldAsInterrupted() {
        docker.onFollow = container -> {
            throw new Interrupted("following the container " + container, new InterruptedException());
        };

        Interrupted stopped = assertThrows(Interrupted.class, this::runTheRunner);

        assertEquals("The run was interrupted (Ctrl-C, or Maven was stopped) while the <runner> 'go-integration' ran.",
                stopped.getMessage());
        assertTrue(docker.containers.isEmpty(), "its container is removed");
    }

    @Test
    void aRunnerKilledWhileItsThreadIsInterruptedIsToldAsInterruptedWithNoExitCode() {
        docker.onFollow = container -> {
            Thread.currentThread().interrupt(); // as a stop of the run does, which also kills the container
            return OptionalInt.of(137);
        };

        Interrupted stopped = assertThrows(Interrupted.class, this::runTheRunner);

        assertFalse(stopped.getMessage().contains("137") || stopped.getMessage().contains("failed"), stopped.getMessage());
        assertEquals("[go-integration] interrupted", log.infos.get(log.infos.size() - 1));
    }

    @Test
    void aRunnerThatFailsByItselfIsAFailureWithItsExitCode() {
        docker.onFollow = container -> OptionalInt.of(1);

        BuildResult result = runTheRunner();

        assertEquals(1, result.exitCode());
        assertTrue(result.failureMessage("runner").startsWith("runner 'go-integration' failed: its script exited with code 1"),
                result.failureMessage("runner"));
    }
}
