package io.turret.builder;

import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.parallel.BoundedParallel;
import io.turret.platform.ReleasePlatforms;
import io.turret.report.Log;
import io.turret.files.Folders;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.ReuseCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code turret:build}: every builder, once per platform, up to {@code threads} at once. Each writes
 * {@code reports/TEST-build-NAME.xml}; when any script failed, all are still finished and the
 * failure names each failed builder.
 */
public final class Builds {
    private final DockerAccess docker;
    private final Log log;
    private final ReuseCache cache;

    /** Builds that run every builder and keep nothing. */
    public Builds(DockerAccess docker, Log log) {
        this(docker, log, ReuseCache.off());
    }

    /** @param cache where passed builds' outputs are kept, and found again when their inputs are the same */
    public Builds(DockerAccess docker, Log log, ReuseCache cache) {
        this.docker = docker;
        this.log = log;
        this.cache = cache;
    }

    public List<BuildResult> runAll(BuildSettings settings, RunResources run) {
        return runAll(settings, run, BuildListener.NONE);
    }

    /** @param listener told of each builder that starts, and of each that passed (or reused its outputs), as soon as it did */
    public List<BuildResult> runAll(BuildSettings settings, RunResources run, BuildListener listener) {
        if (settings.builders().isEmpty()) {
            log.info("No <builders> configured: nothing to build.");
            return List.of();
        }
        List<PlatformRun> builders = forPlatforms(settings);
        try (ContentKeys sources = BuilderInputs.sourceHashes(settings, log)) {
            return runAll(settings, run, listener, builders, sources);
        }
    }

    private List<BuildResult> runAll(BuildSettings settings, RunResources run, BuildListener listener, List<PlatformRun> builders,
            ContentKeys sources) {
        ScriptRun scripts = new ScriptRun(docker, run, settings, log, sources);
        ReusedOutputs reuse = new ReusedOutputs(docker, settings, cache, log, sources);
        Instant started = Instant.now();
        List<BuildResult> results = BoundedParallel.map(builders, settings.threads(), "turret-build", builder -> {
            BuildResult result = build(builder.spec(), builder.cacheOwner(), scripts, reuse, run, listener);
            result.writeReport(settings.reports(), "build", started);
            if (result.passed()) {
                listener.passed(result);
            }
            return result;
        });
        List<BuildResult> failed = results.stream().filter(result -> !result.passed()).toList();
        if (!failed.isEmpty()) {
            throw new BuildFailure(failed);
        }
        return results;
    }

    /**
     * One run of a builder for one platform. Its caches are the builder's, whatever the platform: a run
     * whose outputs are reused leaves its cache as it was, so a cache of its own could still be cold when
     * that platform's build next runs (and a runner mounts its builder's cache too).
     */
    private record PlatformRun(BuilderSpec spec, String cacheOwner) {
    }

    /** Each builder's run for each platform; a platform-independent builder's one run. */
    private List<PlatformRun> forPlatforms(BuildSettings settings) {
        ReleasePlatforms platforms = settings.platforms().resolve(docker.platform());
        if (platforms.several()) {
            log.info("Building for " + platforms.platforms() + ": each builder once per platform (TARGETARCH), natively on "
                    + platforms.engine());
        }
        return settings.builders().stream()
                .flatMap(builder -> builder.platformIndependent() ? Stream.of(new PlatformRun(builder, builder.name()))
                        : platforms.platforms().stream()
                                .map(platform -> new PlatformRun(builder.forPlatform(platform, platforms.several()), builder.name())))
                .toList();
    }

    /** The outputs of a run of the same inputs when one passed; otherwise the builder runs, and its outputs are kept when it passes. */
    private BuildResult build(BuilderSpec builder, String cacheOwner, ScriptRun scripts, ReusedOutputs reuse, RunResources run,
            BuildListener listener) {
        Optional<String> key = reuse.key(builder);
        Optional<BuildResult> reused = key.flatMap(inputs -> reuse.restore(builder, inputs));
        if (reused.isPresent()) {
            return reused.get();
        }
        listener.starting(builder);
        Path archives = run.scratch().resolve("outputs-" + builder.name());
        try {
            BuildResult result = scripts.build(builder, cacheOwner, archives);
            if (result.passed() && key.isPresent()) {
                reuse.keep(builder, key.get(), archives, run.runId());
            }
            return result;
        } finally {
            try {
                Folders.deleteRecursively(archives);
            } catch (IOException e) {
                log.debug("[" + builder.name() + "] could not remove " + archives + ": " + Causes.describe(e));
            }
        }
    }
}
