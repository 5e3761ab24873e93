package io.turret.goal;

import io.turret.evidence.EvidenceSettings;
import io.turret.failure.UserFailure;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every goal's run shares, checked.
 *
 * @param project the project's artifactId: it names containers and labels them
 * @param threads how many builders, services, runners or pushes run at once
 * @param reapAfter how old what a run on another host left behind must be before it is removed
 * @param cacheDirectory jib's layer caches and the images Turret pulled
 * @param evidence the keys releases are signed and verified with
 */
public record RunSettings(String project, Workspace workspace, int threads, Duration reapAfter, Reuse reuse,
        Path cacheDirectory, RegistrySettings registries, EvidenceSettings evidence) {
    /** Settings that sign and verify nothing. */
    public RunSettings(String project, Workspace workspace, int threads, Duration reapAfter, Reuse reuse, Path cacheDirectory,
            RegistrySettings registries) {
        this(project, workspace, threads, reapAfter, reuse, cacheDirectory, registries, EvidenceSettings.NONE);
    }

    public RunSettings {
        if (threads < 1) {
            throw new UserFailure("<threads>" + threads + "</threads> (turret.threads) must be at least 1.");
        }
    }

    /**
     * The cache of reusable work.
     *
     * @param rerun nothing is found in it, but what passes is still kept
     * @param maxAge how long an entry no run used is kept
     */
    public record Reuse(Path root, boolean rerun, Duration maxAge) {
        public Reuse {
            if (maxAge.toDays() < 1) {
                throw new UserFailure("<reuseCacheMaxAgeDays>" + maxAge.toDays() + "</reuseCacheMaxAgeDays> (turret.reuseCache"
                        + ".maxAgeDays) must be a number of days of at least 1: how long an entry no run used is kept.");
            }
        }
    }
}
