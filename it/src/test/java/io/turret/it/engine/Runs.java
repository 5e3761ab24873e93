package io.turret.it.engine;

import io.turret.docker.DockerAccess;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.itest.RunningEnvironment;
import io.turret.report.Log;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ProcessTable;
import io.turret.run.ScratchFolders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Opens a run through Turret's core as its goals do: owned by this JVM, its scratch folder under {@code turretDirectory/tmp}. */
public final class Runs {
    private Runs() {
    }

    public static Liveness liveness() {
        return new Liveness(Owner.current(), ProcessTable.local(), Duration.ofHours(6), Clock.systemUTC());
    }

    public static RunResources open(DockerAccess docker, String runId, String project, Path turretDirectory, Log log) {
        Liveness liveness = liveness();
        return RunResources.open(docker, runId, project, new Leftovers(liveness, RunningEnvironment::holds),
                new ScratchFolders(turretDirectory.resolve("tmp"), liveness, log), log);
    }
}
