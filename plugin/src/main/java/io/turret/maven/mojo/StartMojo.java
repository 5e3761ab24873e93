package io.turret.maven.mojo;

import io.turret.goal.Goal;
import io.turret.goal.StartGoal;
import java.util.List;
import java.util.Optional;
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
    Optional<String> skippedBy() {
        return skippedBy(skipIntegrationTests, Properties.IT_SKIP);
    }

    @Override
    Goal mapped() {
        return new StartGoal(ConfigurationMapper.environment(this), stoppedLaterInThisRun(), project.getProperties()::setProperty);
    }

    /** Whether this Maven run goes on to turret:stop: then Ctrl-C before it stops the environment too. */
    private boolean stoppedLaterInThisRun() {
        List<String> goals = session == null ? List.of() : session.getGoals();
        return goals.stream().anyMatch(goal -> STOPPING.contains(goal) || goal.endsWith(":stop"));
    }
}
