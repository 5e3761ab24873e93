package io.turret.goal;

import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.itest.RunningEnvironment;
import io.turret.itest.TestEnvironment;

/** turret:stop: the environment turret:start left up, its logs kept, its containers and network removed. */
public record StopGoal(EnvironmentSettings environment) implements Goal {
    @Override
    public void run(RunContext context) {
        EnvironmentSettings settings = IntegrationTestGoal.assembled(environment, context);
        Workspace workspace = context.workspace();
        if (RunningEnvironment.load(settings.stateFile()).isEmpty()) {
            context.log().info("No test environment is up for " + context.settings().project() + " (no "
                    + workspace.shown(settings.stateFile()) + "): nothing to stop.");
            return;
        }
        TestEnvironment testEnvironment = new TestEnvironment(context.engine(), context.log());
        RunningEnvironment running = testEnvironment.claim(settings.stateFile(), context.liveness()).orElseThrow();
        if (settings.keep()) {
            context.log().warn(IntegrationTests.keptMessage(running));
            return;
        }
        testEnvironment.remove(running, settings.stateFile(), settings.build().logs());
        context.log().info("Stopped the test environment " + running.networkName() + "; logs in "
                + workspace.shown(settings.build().logs()));
    }
}
