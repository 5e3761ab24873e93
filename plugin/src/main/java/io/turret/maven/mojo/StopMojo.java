package io.turret.maven.mojo;

import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunningEnvironment;
import io.turret.itest.TestEnvironment;
import java.util.Optional;
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
        Optional<RunningEnvironment> running = RunningEnvironment.load(settings.stateFile());
        if (running.isEmpty()) {
            getLog().info("No test environment is up for " + projectName + " (no " + projectDirectory.toPath()
                    .relativize(settings.stateFile()) + "): nothing to stop.");
            return;
        }
        if (keep) {
            getLog().warn(io.turret.itest.IntegrationTests.keptMessage(running.get()));
            return;
        }
        new TestEnvironment(docker(), new MavenLog(getLog())).stop(running.get(), settings.build().logs());
        TestEnvironment.deleteState(settings.stateFile());
        getLog().info("Stopped the test environment " + running.get().networkName() + "; logs in "
                + projectDirectory.toPath().relativize(settings.build().logs()));
    }
}
