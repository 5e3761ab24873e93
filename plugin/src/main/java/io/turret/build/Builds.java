package io.turret.build;

import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.failure.EnvironmentFailure;
import io.turret.report.JUnitReport;
import io.turret.report.Log;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code turret:build}: every builder, up to {@code threads} at once. Each writes
 * {@code reports/TEST-build-NAME.xml}; when any script failed, all are still finished and the
 * failure names each failed builder.
 */
public final class Builds {
    private final DockerAccess docker;
    private final Log log;

    public Builds(DockerAccess docker, Log log) {
        this.docker = docker;
        this.log = log;
    }

    public List<BuildResult> runAll(BuildSettings settings, RunResources run) {
        if (settings.builders().isEmpty()) {
            log.info("No <builders> configured: nothing to build.");
            return List.of();
        }
        BuilderRun builderRun = new BuilderRun(docker, run, settings, log);
        int threads = Math.min(settings.threads(), settings.builders().size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "turret-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Instant started = Instant.now();
            List<Future<BuildResult>> futures = new ArrayList<>();
            for (BuilderSpec builder : settings.builders()) {
                futures.add(pool.submit(() -> builderRun.run(builder)));
            }
            List<BuildResult> results = new ArrayList<>();
            RuntimeException firstError = null;
            for (Future<BuildResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new EnvironmentFailure(e.getCause().getMessage(), e.getCause());
                    firstError = firstError == null ? cause : firstError;
                }
            }
            results.forEach(result -> report(settings, started, result));
            if (firstError != null) {
                throw firstError;
            }
            List<BuildResult> failed = results.stream().filter(result -> !result.passed()).toList();
            if (!failed.isEmpty()) {
                throw new BuildFailure(failed);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while building", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(BuildSettings settings, Instant started, BuildResult result) {
        JUnitReport.TestCase testCase = result.passed()
                ? JUnitReport.TestCase.passed("turret.build", result.builder(), result.time())
                : JUnitReport.TestCase.failed("turret.build", result.builder(), result.time(),
                        "exit code " + result.exitCode(), String.join("\n", result.logTail()));
        JUnitReport.write(settings.reports(), "build-" + result.builder(), started, List.of(testCase), result.log());
    }
}
