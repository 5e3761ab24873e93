package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildResult;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.builder.BuilderInputs;
import io.turret.builder.Builds;
import io.turret.builder.ScriptRun;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.RunResources;
import io.turret.it.engine.Runs;
import io.turret.it.images.SampleBaseImages;
import io.turret.itest.RunnerSpec;
import io.turret.platform.PlatformChoice;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs Turret's build core against the real engine, as turret:build does, keeping the log lines. */
final class EngineBuilds {
    final List<String> lines = new ArrayList<>();
    private final Log log = new Log() {
        @Override
        public synchronized void info(String line) {
            lines.add(line);
            System.out.println(line);
        }

        @Override
        public void warn(String line) {
            info(line);
        }

        @Override
        public void debug(String line) {
        }
    };

    static BuilderSpec goBuilder(String script) {
        return new BuilderSpec("go", SampleBaseImages.GO_BUILDER.reference(), List.of("go"), null, script,
                Map.of("CGO_ENABLED", "0", "GOCACHE", "/cache/go-build"), List.of("/out"), List.of("/cache"), null, List.of());
    }

    List<BuildResult> run(String project, Path projectDirectory, List<BuilderSpec> builders) {
        return run(project, projectDirectory, builders, PlatformChoice.DEFAULT);
    }

    List<BuildResult> run(String project, Path projectDirectory, List<BuilderSpec> builders, PlatformChoice platforms) {
        BuildSettings settings = new BuildSettings(project, projectDirectory, projectDirectory.resolve("target"),
                projectDirectory.resolve("target/turret"), 2, builders, platforms);
        DockerJavaAccess docker = DockerJavaAccess.connect();
        try (RunResources run = Runs.open(docker, "it-" + System.nanoTime(), project, settings.turretDirectory(), log)) {
            return new Builds(docker, log).runAll(settings, run);
        }
    }

    /** Runs {@code runner} as turret:integration-test runs one (on the engine's bridge network here), its reports into {@code reports}. */
    BuildResult runTests(String project, Path projectDirectory, RunnerSpec runner, Path reports) {
        BuildSettings settings = new BuildSettings(project, projectDirectory, projectDirectory.resolve("target"),
                projectDirectory.resolve("target/turret"), 2, List.of(), PlatformChoice.DEFAULT);
        DockerJavaAccess docker = DockerJavaAccess.connect();
        try (RunResources run = Runs.open(docker, "it-" + System.nanoTime(), project, settings.turretDirectory(), log);
                ContentKeys sources = BuilderInputs.sourceHashes(settings, log)) {
            return new ScriptRun(docker, run, settings, log, sources).run(runner.onTheNetwork("bridge", Map.of()),
                    new ScriptRun.Purpose("test", "it-" + runner.name(), reports, true, runner.cacheOwner(), null));
        }
    }

    /** Fails when a container of {@code project} is left; removes its volumes (caches, workspaces) either way. */
    static void assertNothingLeftAndRemoveVolumes(DockerClient docker, String project) {
        try {
            assertEquals(List.of(), docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.turret.project", project)).exec(), "containers left behind");
        } finally {
            docker.listVolumesCmd().exec().getVolumes().stream()
                    .filter(volume -> volume.getName().startsWith("turret-" + project))
                    .forEach(volume -> docker.removeVolumeCmd(volume.getName()).exec());
        }
    }
}
