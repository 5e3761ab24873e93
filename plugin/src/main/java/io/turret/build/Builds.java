package io.turret.build;

import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.parallel.BoundedParallel;
import io.turret.report.Log;
import java.time.Instant;
import java.util.List;

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
        ScriptRun scripts = new ScriptRun(docker, run, settings, log);
        Instant started = Instant.now();
        List<BuildResult> results = BoundedParallel.map(settings.builders(), settings.threads(), "turret-build", builder -> {
            BuildResult result = scripts.build(builder);
            result.writeReport(settings.reports(), "build", started);
            return result;
        });
        List<BuildResult> failed = results.stream().filter(result -> !result.passed()).toList();
        if (!failed.isEmpty()) {
            throw new BuildFailure(failed);
        }
        return results;
    }
}
