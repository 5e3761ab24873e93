package io.turret.goal;

import io.turret.image.AssembleSettings;
import io.turret.image.Assemblies;

/** turret:assemble: every service's image for every platform, then images.json. */
public record AssembleGoal(AssembleSettings settings) implements Goal {
    @Override
    public void run(RunContext context) {
        new Assemblies(context.engine(), context.log(), context.registries(), context.settings().reuse().rerun())
                .assembleAll(settings);
    }
}
