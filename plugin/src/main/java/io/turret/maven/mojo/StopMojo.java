package io.turret.maven.mojo;

import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunningEnvironment;
import io.turret.itest.TestEnvironment;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops the test environment turret:start started, in this Maven run or an earlier one: keeps
 * every container's log in {@code target/turret/logs/}, removes the containers and the network.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends EnvironmentMojo {
    @Override
    String goal() {
        return "stop";
    }

    @Override
    void run() {
        EnvironmentSettings settings = environmentSettings();
        if (RunningEnvironment.load(settings.stateFile()).isEmpty()) {
            getLog().info("No test environment is up for " + projectName + " (no " + projectDirectory.toPath()
                    .relativize(settings.stateFile()) + "): nothing to stop.");
            return;
        }
        TestEnvironment environment = new TestEnvironment(docker(), new MavenLog(getLog()));
        RunningEnvironment running = environment.claim(settings.stateFile(), liveness()).orElseThrow();
        if (keep) {
            getLog().warn(io.turret.itest.IntegrationTests.keptMessage(running));
            return;
        }
        environment.stop(running, settings.build().logs());
        TestEnvironment.deleteState(settings.stateFile());
        getLog().info("Stopped the test environment " + running.networkName() + "; logs in "
                + projectDirectory.toPath().relativize(settings.build().logs()));
    }
}
