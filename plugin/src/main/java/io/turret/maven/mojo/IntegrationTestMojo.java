package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.IntegrationTestGoal;
import java.util.Optional;
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
    Optional<String> skippedBy() {
        return skippedBy(skipIntegrationTests, Properties.IT_SKIP);
    }

    @Override
    Goal mapped() {
        return new IntegrationTestGoal(ConfigurationMapper.environment(this));
    }
}
