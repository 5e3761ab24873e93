package io.turret.goal;

import io.turret.docker.EngineErrors;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.report.Log;

/** Runs a goal in a context of its own; what fails comes out as a UserFailure or an EnvironmentFailure where it can. */
public final class Goals {
    private Goals() {
    }

    public static void run(Goal goal, RunSettings settings, Log log) {
        try (RunContext context = RunContext.open(settings, log)) {
            goal.run(context);
        } catch (UserFailure | EnvironmentFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // the engine client's own exceptions: recognised and told as the user's or the environment's
            throw new EngineErrors(System.getenv()).translate(e);
        }
    }
}
