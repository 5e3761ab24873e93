package io.turret.maven.mojo;

import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunningEnvironment;
import io.turret.itest.TestEnvironment;
import io.turret.run.Liveness;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Starts the test environment and publishes each container's address as Maven properties
 * ({@code turret.NAME.host}, {@code turret.NAME.port}, {@code turret.NAME.url} for its first
 * port) for Failsafe tests. turret:stop, in this Maven run or a later one, stops it.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends EnvironmentMojo {
    /** Goals and phases after which this Maven run itself stops the environment (post-integration-test runs). */
    private static final Set<String> STOPPING = Set.of("post-integration-test", "verify", "install", "deploy");

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    String goal() {
        return "start";
    }

    @Override
    void run() {
        EnvironmentSettings settings = environmentSettings();
        DockerAccess docker = docker();
        MavenLog log = new MavenLog(getLog());
        Liveness liveness = liveness();
        TestEnvironment environment = new TestEnvironment(docker, log);
        environment.claim(settings.stateFile(), liveness).ifPresent(previous -> {
            environment.stop(previous, settings.build().logs());
            TestEnvironment.deleteState(settings.stateFile());
        });
        RunningEnvironment running;
        try (RunResources run = openRun(docker, liveness)) {
            Thread stopOnExit = environment.stopOnExit(settings.stateFile(), settings.build().logs());
            try {
                running = environment.start(settings, run);
            } finally {
                if (!stoppedLaterInThisRun()) {
                    TestEnvironment.cancel(stopOnExit);
                }
            }
        }
        if (!stoppedLaterInThisRun()) {
            running = TestEnvironment.handOver(running, RunningEnvironment.BY_START, settings.stateFile());
        }
        running.properties().forEach((key, value) -> {
            project.getProperties().setProperty(key, value);
            getLog().info(key + "=" + value);
        });
        if (!stoppedLaterInThisRun()) {
            getLog().info("The test environment stays up after this Maven run; stop it with mvn turret:stop.");
        }
    }

    /** Whether this Maven run goes on to turret:stop: then Ctrl-C before it stops the environment too. */
    private boolean stoppedLaterInThisRun() {
        List<String> goals = session == null ? List.of() : session.getGoals();
        return goals.stream().anyMatch(goal -> STOPPING.contains(goal) || goal.endsWith(":stop"));
    }
}
