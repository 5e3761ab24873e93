package io.turret.goal;

import io.turret.report.Log;

/** Runs a goal in a context of its own, closed whatever happens. */
public final class Goals {
    private Goals() {
    }

    public static void run(Goal goal, RunSettings settings, Log log) {
        try (RunContext context = RunContext.open(settings, log)) {
            goal.run(context);
        }
    }
}
