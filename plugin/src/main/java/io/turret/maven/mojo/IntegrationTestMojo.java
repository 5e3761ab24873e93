package io.turret.maven.mojo;

import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.run.Liveness;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Tests the very images turret:assemble made: starts the test environment on its own network,
 * runs every runner against it, stops it, and writes {@code target/turret/reports/TEST-it-*.xml}
 * and every container's log to {@code target/turret/logs/}.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class IntegrationTestMojo extends EnvironmentMojo {
    @Override
    String goal() {
        return "integration-test";
    }

    @Override
    void run() {
        EnvironmentSettings settings = environmentSettings();
        DockerAccess docker = docker();
        MavenLog log = new MavenLog(getLog());
        Liveness liveness = liveness();
        try (RunResources run = openRun(docker, liveness)) {
            new IntegrationTests(docker, log, liveness, reuse()).run(settings, run);
        }
    }
}
