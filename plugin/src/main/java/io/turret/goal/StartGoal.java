package io.turret.goal;

import io.turret.docker.RunResources;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunningEnvironment;
import io.turret.itest.StopOnExit;
import io.turret.itest.TestEnvironment;
import io.turret.report.Log;
import java.util.function.BiConsumer;

/**
 * turret:start: the test environment up, each container's address published ({@code turret.NAME.host},
 * {@code .port}, {@code .url}); handed over to a later turret:stop unless this Maven run stops it itself.
 *
 * @param stoppedLaterInThisRun whether this Maven run goes on to turret:stop: then Ctrl-C before it stops the environment too
 * @param publish where the addresses go (the project's properties)
 */
public record StartGoal(EnvironmentSettings environment, boolean stoppedLaterInThisRun, BiConsumer<String, String> publish)
        implements Goal {
    @Override
    public void run(RunContext context) {
        EnvironmentSettings settings = IntegrationTestGoal.assembled(environment, context);
        Log log = context.log();
        TestEnvironment testEnvironment = new TestEnvironment(context.engine(), log);
        testEnvironment.claim(settings.stateFile(), context.liveness())
                .ifPresent(previous -> testEnvironment.remove(previous, settings.stateFile(), settings.build().logs()));
        RunningEnvironment running;
        try (RunResources run = context.openRun()) {
            StopOnExit stopOnExit = testEnvironment.stopOnExit(settings.stateFile(), settings.build().logs());
            try {
                running = testEnvironment.start(settings, run);
            } finally {
                if (!stoppedLaterInThisRun) {
                    stopOnExit.cancel();
                }
            }
        }
        if (!stoppedLaterInThisRun) {
            running = TestEnvironment.handOver(running, RunningEnvironment.BY_START, settings.stateFile());
        }
        running.properties().forEach((key, value) -> {
            publish.accept(key, value);
            log.info(key + "=" + value);
        });
        if (!stoppedLaterInThisRun) {
            log.info("The test environment stays up after this Maven run; stop it with mvn turret:stop.");
        }
    }
}
