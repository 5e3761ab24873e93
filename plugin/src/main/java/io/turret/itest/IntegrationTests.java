package io.turret.itest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.builder.BuildResult;
import io.turret.builder.BuilderInputs;
import io.turret.builder.ScriptRun;
import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.parallel.BoundedParallel;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.ReuseCache;
import io.turret.run.Liveness;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code turret:integration-test}: the environment up, every runner against it (up to
 * {@code threads} at once), the environment down (unless kept), reports and logs written. When
 * every runner passed, {@code tested.json} records which image ids were tested. An environment
 * turret:start left up (or started earlier in this Maven run) is used as it is when it runs exactly
 * the configured containers and the images last assembled; otherwise, and always when a killed run
 * left it, it is stopped and a fresh one started.
 */
public final class IntegrationTests {
    static final String KIND = "verdicts";
    private final DockerAccess docker;
    private final Log log;
    private final Liveness liveness;
    private final ReuseCache cache;

    /** Integration tests that always run. */
    public IntegrationTests(DockerAccess docker, Log log, Liveness liveness) {
        this(docker, log, liveness, ReuseCache.off());
    }

    /** @param cache where passed verdicts are kept, and found again when their inputs are the same */
    public IntegrationTests(DockerAccess docker, Log log, Liveness liveness, ReuseCache cache) {
        this.docker = docker;
        this.log = log;
        this.liveness = liveness;
        this.cache = cache;
    }

    /** Runs the integration tests; the environment is down (or kept) when this returns. */
    public List<BuildResult> run(EnvironmentSettings settings, RunResources run) {
        return run(settings, run, verdict -> {
        }, false, Optional.empty());
    }

    /**
     * The environment of a release, to be started (with {@link EnvironmentAhead#begin()}) while its
     * images are still being assembled, each service's from {@code images}.
     *
     * @param settings the environment's settings before the images are assembled
     */
    public EnvironmentAhead ahead(EnvironmentSettings settings, RunResources run, ServiceImages images) {
        return new EnvironmentAhead(new TestEnvironment(docker, log), settings, run, images, liveness);
    }

    /**
     * Runs the integration tests and, only when every runner passed, {@code afterPassing} (the
     * push) at once, while the environment goes down on a thread of its own; returns once both
     * ended. See {@link EnvironmentTeardown#alongside} for what a failure of either means. The
     * tests run against {@code ahead}'s environment when it began, unless the verdict is reused.
     */
    public List<BuildResult> run(EnvironmentSettings settings, RunResources run, Consumer<Verdict> afterPassing,
            EnvironmentAhead ahead) {
        return run(settings, run, afterPassing, true, Optional.of(ahead));
    }

    /**
     * Runs the integration tests without an environment started ahead (another platform's images, say) and, only when
     * every runner passed, {@code afterPassing}, as {@link #run(EnvironmentSettings, RunResources, Consumer, EnvironmentAhead)}.
     */
    public List<BuildResult> run(EnvironmentSettings settings, RunResources run, Consumer<Verdict> afterPassing) {
        return run(settings, run, afterPassing, true, Optional.empty());
    }

    /** The key of the verdict's inputs; empty when an image is missing. A runner's unchanged source file is not read again. */
    private Optional<String> verdictKey(EnvironmentSettings settings) {
        try (ContentKeys sources = BuilderInputs.sourceHashes(settings.build(), log)) {
            return VerdictInputs.key(settings, docker, sources);
        }
    }

    private List<BuildResult> run(EnvironmentSettings settings, RunResources run, Consumer<Verdict> afterPassing, boolean overlap,
            Optional<EnvironmentAhead> ahead) {
        TestedImages.forget(settings.testedFile());
        // a kept environment is asked for to be looked at: the tests run
        Optional<String> key = settings.keep() ? Optional.empty() : verdictKey(settings);
        Optional<ReuseCache.Entry> passed = key.flatMap(inputs -> cache.find(KIND, inputs));
        if (passed.isPresent()) {
            return reused(settings, passed.get(), afterPassing);
        }
        // the verdict is kept before the push: a failed push does not make the tests run again
        return runAgainstEnvironment(settings, run, verdict -> {
            key.ifPresent(inputs -> keepVerdict(verdict, inputs));
            afterPassing.accept(verdict);
        }, overlap, ahead.flatMap(EnvironmentAhead::await));
    }

    private void keepVerdict(Verdict verdict, String inputs) {
        ObjectNode record = JSON.createObjectNode().put("runId", verdict.testedBy());
        try {
            cache.store(KIND, inputs, record, Map.of());
        } catch (IOException e) {
            log.warn("Could not keep the integration tests' verdict for reuse (" + Causes.describe(e) + ")");
        }
    }

    /** The verdict of a run of the same images and runners, which passed: no container starts. */
    private List<BuildResult> reused(EnvironmentSettings settings, ReuseCache.Entry passed, Consumer<Verdict> afterPassing) {
        Instant started = Instant.now();
        String line = "reused the verdict of run " + passed.runId() + ": passed (images and runner inputs unchanged)";
        log.info("Integration tests: " + line + "; -Dturret.rerun=true runs them again.");
        List<BuildResult> results = settings.runners().stream().map(runner -> {
            log.info("[" + runner.name() + "] " + line);
            BuildResult result = new BuildResult(runner.name(), 0, Duration.ZERO, List.of(line), line + "\n", List.of());
            result.writeReport(settings.build().reports(), "it", started);
            return result;
        }).toList();
        // the key holds these very image ids: they are the ones that run passed against
        Map<String, Digest> tested = new LinkedHashMap<>();
        settings.containers().stream().filter(container -> container.service() != null)
                .forEach(container -> tested.put(container.service(),
                        settings.serviceImage(container.name(), container.service())));
        afterPassing.accept(TestedImages.record(settings.testedFile(), passed.runId(), tested, true));
        return results;
    }

    /**
     * @param afterPassing what runs once every runner passed and the verdict is recorded
     * @param overlap whether {@code afterPassing} runs while the environment goes down, rather than after
     */
    private List<BuildResult> runAgainstEnvironment(EnvironmentSettings settings, RunResources run, Consumer<Verdict> afterPassing,
            boolean overlap, Optional<EnvironmentAhead.Up> upAhead) {
        TestEnvironment environment = new TestEnvironment(docker, log);
        if (upAhead.isPresent() && !environment.isCurrent(upAhead.get().environment(), settings)) {
            // cannot happen unless an image changed in the engine under this run: the tests run on what is pushed
            log.warn("The test environment started ahead does not run the images assembled: it is started again.");
            upAhead.get().remove(environment, settings);
            upAhead = Optional.empty();
        }
        RunningEnvironment running;
        StopOnExit stopOnExit;
        if (upAhead.isPresent()) {
            running = upAhead.get().environment();
            stopOnExit = upAhead.get().stopOnExit();
        } else {
            Optional<RunningEnvironment> startedBefore = environment.claim(settings.stateFile(), liveness);
            if (startedBefore.filter(up -> up.reusableBy(liveness.self()) && environment.isCurrent(up, settings)).isPresent()) {
                log.info("Running the runners against the test environment turret:start started; turret:stop stops it.");
                return passed(settings, startedBefore.get(), runners(settings, run, startedBefore.get()), afterPassing);
            }
            startedBefore.ifPresent(stale -> environment.stop(stale, settings.build().logs()));
            stopOnExit = environment.stopOnExit(settings.stateFile(), settings.build().logs());
            try {
                running = environment.start(settings, run);
            } catch (RuntimeException e) {
                stopOnExit.cancel();
                throw e;
            }
        }
        List<BuildResult> results;
        try {
            results = runners(settings, run, running);
        } catch (RuntimeException | Error e) {
            leave(environment, running, settings, stopOnExit).ifPresent(down -> down.awaitAfter(e, log));
            throw e;
        }
        Optional<EnvironmentTeardown> goingDown = leave(environment, running, settings, stopOnExit);
        if (overlap && goingDown.isPresent()) {
            return goingDown.get().alongside(() -> passed(settings, running, results, afterPassing), log);
        }
        goingDown.ifPresent(EnvironmentTeardown::await);
        return passed(settings, running, results, afterPassing);
    }

    /** Hands the environment over when it is to be kept; otherwise starts taking it down. */
    private Optional<EnvironmentTeardown> leave(TestEnvironment environment, RunningEnvironment running,
            EnvironmentSettings settings, StopOnExit stopOnExit) {
        if (settings.keep()) {
            stopOnExit.cancel();
            TestEnvironment.handOver(running, RunningEnvironment.BY_KEEP, settings.stateFile());
            log.warn(keptMessage(running));
            return Optional.empty();
        }
        return Optional.of(EnvironmentTeardown.start(environment, running, settings.stateFile(), settings.build().logs(),
                stopOnExit));
    }

    private static List<BuildResult> passed(EnvironmentSettings settings, RunningEnvironment running, List<BuildResult> results,
            Consumer<Verdict> afterPassing) {
        afterPassing.accept(verdict(settings, running, results));
        return results;
    }

    private static Verdict verdict(EnvironmentSettings settings, RunningEnvironment running, List<BuildResult> results) {
        List<BuildResult> failed = results.stream().filter(result -> !result.passed()).toList();
        if (!failed.isEmpty()) {
            throw new UserFailure("Integration tests failed:\n\n" + failed.stream().map(result -> result.failureMessage("runner"))
                    .collect(Collectors.joining("\n\n")));
        }
        return TestedImages.record(settings.testedFile(), running);
    }

    /** Runs the runners; a large tree is kept in a workspace volume of the runner's own, its files' content keys in source-hashes. */
    private List<BuildResult> runners(EnvironmentSettings settings, RunResources run, RunningEnvironment running) {
        try (ContentKeys sources = BuilderInputs.sourceHashes(settings.build(), log)) {
            ScriptRun scripts = new ScriptRun(docker, run, settings.build(), log, sources);
            Instant started = Instant.now();
            return BoundedParallel.map(settings.runners(), settings.build().threads(), "turret-it", runner -> {
                BuildResult result = scripts.run(runner.onTheNetwork(running.networkName(), running.runnerEnvironment()),
                        new ScriptRun.Purpose("test", "it-" + runner.name(), settings.runnerReports(runner), true,
                                runner.cacheOwner(), null));
                result.writeReport(settings.build().reports(), "it", started);
                return result;
            });
        }
    }

    /** What -Dturret.keep=true says at the end: what was kept, and how to remove it. */
    public static String keptMessage(RunningEnvironment running) {
        return "Kept the test environment up (turret.keep=true): network " + running.networkName() + ", containers "
                + running.containers().stream().map(RunningEnvironment.Started::name).toList()
                + ". Remove it with mvn turret:stop, or: docker rm -f $(docker ps -aq --filter label=io.turret.run="
                + running.runId() + ") && docker network rm " + running.networkName();
    }
}
