package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.StopGoal;
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
    Optional<String> skippedBy() {
        return skippedBy(skipIntegrationTests, Properties.IT_SKIP);
    }

    @Override
    Goal mapped() {
        return new StopGoal(ConfigurationMapper.environment(this));
    }
}
