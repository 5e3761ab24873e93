package io.turret.goal;

import io.turret.builder.BuildSettings;
import io.turret.builder.Builds;
import io.turret.docker.RunResources;

/** turret:build: every builder, its outputs in {@code target/turret/build/NAME/}. */
public record BuildGoal(BuildSettings settings) implements Goal {
    @Override
    public void run(RunContext context) {
        try (RunResources run = context.openRun()) {
            new Builds(context.engine(), context.log(), context.reuse()).runAll(settings, run);
        }
    }
}
