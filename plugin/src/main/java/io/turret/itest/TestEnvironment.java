package io.turret.itest;

import io.turret.docker.ContainerSpec;
import io.turret.docker.ContainerState;
import io.turret.docker.DockerAccess;
import io.turret.docker.ImagePull;
import io.turret.docker.Labelled;
import io.turret.docker.Labels;
import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.parallel.Uninterrupted;
import io.turret.parallel.Workers;
import io.turret.platform.ReleasePlatforms;
import io.turret.report.Log;
import io.turret.run.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Brings the test environment up (one network per run, containers in dependency order, each
 * waited for) and down again (every container's log kept, containers and network removed).
 * When a container does not come up, what was started is removed before the failure is thrown.
 */
public final class TestEnvironment {
    private final DockerAccess docker;
    private final Log log;
    /** How many containers are removed at once: the engine's work, not this process's. */
    private static final int STOPPING_AT_ONCE = 4;
    private final ContainerWaiter waiter = new ContainerWaiter(Clock.systemUTC());

    public TestEnvironment(DockerAccess docker, Log log) {
        this.docker = docker;
        this.log = log;
    }

    /**
     * Starts the environment as part of {@code run}: its network and containers carry the run's
     * labels and the state file's path. The state file records it as not handed over.
     */
    public RunningEnvironment start(EnvironmentSettings settings, RunResources run) {
        Map<String, String> containerOf = new HashMap<>();
        settings.containers().forEach(container -> containerOf.putIfAbsent(container.service(), container.name()));
        return start(settings, run, service -> settings.serviceImage(containerOf.get(service), service));
    }

    /**
     * Starts the environment, each container as soon as what it depends on is up and, for a
     * service's container, {@code images} has its image: the containers that are ready come up at
     * once. When one fails (or this thread is interrupted), the starts still going are stopped,
     * what came up is removed, and the first failure in the start order is thrown.
     */
    public RunningEnvironment start(EnvironmentSettings settings, RunResources run, ServiceImages images) {
        settings.containers().stream().filter(container -> container.service() == null).forEach(container ->
                ImagePull.ensure(docker, container.image(), TestContainerSpec.where(container.name()), container.name(), log));
        Optional<EmulatedPlatform> emulated = emulated(settings);
        String project = settings.build().project();
        String runId = run.runId();
        String networkName = "turret-" + project + "-" + runId;
        String networkId = docker.createNetwork(networkName, labels(run, "test-network", settings.stateFile()));
        List<RunningEnvironment.Started> started = new ArrayList<>();
        Supplier<RunningEnvironment> upSoFar = () -> new RunningEnvironment(runId, project, networkId, networkName, started,
                run.owner(), null);
        upSoFar.get().save(settings.stateFile());
        ExecutorService starting = Workers.pool(Math.max(1, settings.containers().size()), "turret-test-container");
        try {
            Map<String, CompletableFuture<RunningEnvironment.Started>> up = new HashMap<>();
            for (TestContainerSpec container : settings.startOrder()) {
                CompletableFuture<?>[] dependencies = container.dependsOn().stream().map(up::get)
                        .toArray(CompletableFuture[]::new);
                up.put(container.name(), CompletableFuture.allOf(dependencies).thenApplyAsync(ready -> {
                    RunningEnvironment.Started one = startOne(settings, container, imageOf(container, images), run, networkName,
                            emulated);
                    synchronized (started) {
                        started.add(one);
                        // the state is saved after each container, so that an interrupted start can be stopped
                        upSoFar.get().save(settings.stateFile());
                    }
                    return one;
                }, starting));
            }
            awaitAll(settings.startOrder().stream().map(container -> up.get(container.name())).toList(), starting);
        } catch (RuntimeException e) {
            // an interrupted start still removes what came up: the engine's client fails calls on an interrupted thread
            boolean interrupted = Thread.interrupted();
            try {
                remove(upSoFar.get(), settings.stateFile(), settings.build().logs());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        } finally {
            starting.shutdownNow();
        }
        return upSoFar.get();
    }

    /** Waits for every container; at the first failure, stops the starts still going and throws it once they ended. */
    private static void awaitAll(List<CompletableFuture<RunningEnvironment.Started>> containers, ExecutorService starting) {
        CompletableFuture<Void> all = CompletableFuture.allOf(containers.toArray(CompletableFuture[]::new));
        containers.forEach(container -> container.whenComplete((up, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        try {
            all.get();
        } catch (InterruptedException | ExecutionException e) {
            starting.shutdownNow();
            try {
                starting.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailure("Interrupted while starting the test environment", e);
            }
            throw firstFailure(containers);
        }
    }

    /** The failure of the first container, in the start order, that failed. */
    private static RuntimeException firstFailure(List<CompletableFuture<RunningEnvironment.Started>> containers) {
        for (CompletableFuture<RunningEnvironment.Started> container : containers) {
            try {
                container.getNow(null);
            } catch (CompletionException | CancellationException e) {
                return Workers.failure(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        }
        return new EnvironmentFailure("The test environment did not start", null);
    }

    /** A service's image, once assembled, which must still be in the engine; a container's own image otherwise. */
    private String imageOf(TestContainerSpec container, ServiceImages images) {
        if (container.service() == null) {
            return container.image();
        }
        Digest imageId = images.imageId(container.service());
        if (!docker.hasImage(imageId.toString())) {
            throw new UserFailure(TestContainerSpec.where(container.name()) + "the image turret:assemble made for the service '"
                    + container.service() + "' (" + imageId + ") is no longer in the Docker engine; run turret:assemble again.");
        }
        return imageId.toString();
    }

    /** The run's labels, and the state file's path: what tells a later run whether the environment was handed over. */
    private static Map<String, String> labels(RunResources run, String role, Path stateFile) {
        Map<String, String> labels = new HashMap<>(run.labels(role));
        labels.put(Labels.STATE, stateFile.toAbsolutePath().toString());
        return labels;
    }

    /** Records in the state file that the environment outlives this Maven run, handed over by {@code by}. */
    public static RunningEnvironment handOver(RunningEnvironment environment, String by, Path stateFile) {
        RunningEnvironment handedOver = environment.handedOver(by);
        handedOver.save(stateFile);
        return handedOver;
    }

    /** The platform the services run as under emulation: the settings' when it is not the engine's own. */
    private Optional<EmulatedPlatform> emulated(EnvironmentSettings settings) {
        if (settings.platform().isEmpty()) {
            return Optional.empty();
        }
        Platform engine = docker.platform();
        return settings.platform().filter(platform -> !ReleasePlatforms.runs(engine, platform))
                .map(platform -> new EmulatedPlatform(platform, engine));
    }

    /** Starts one container; a service's runs as {@code emulated}'s platform when there is one. */
    private RunningEnvironment.Started startOne(EnvironmentSettings settings, TestContainerSpec container, String image,
            RunResources run, String network, Optional<EmulatedPlatform> emulated) {
        String project = settings.build().project();
        ContainerSpec spec = new ContainerSpec("turret-" + project + "-" + container.name() + "-" + run.runId(), image,
                container.command(), null, container.environment(), labels(run, "test-" + container.name(),
                        settings.stateFile()), network, Map.of(), List.of(container.alias()),
                container.ports().stream().map(port -> port + "/tcp").toList());
        Optional<EmulatedPlatform> as = emulated.filter(platform -> container.service() != null);
        if (as.isPresent()) {
            spec = spec.withPlatform(as.get().platform());
        }
        String id = docker.createContainer(spec);
        Integer firstPort = container.firstPort();
        RunningEnvironment.Started started = new RunningEnvironment.Started(container.name(), id, container.alias(), image,
                container.service(), firstPort, null);
        try {
            docker.start(id);
            waiter.await(container.name(), container.readiness(), container.timeout(), () -> docker.inspectContainer(id),
                    lines -> docker.logs(id, lines), probe(id));
        } catch (RuntimeException e) {
            saveLog(started, settings.build().logs());
            docker.removeContainer(id);
            throw as.map(platform -> platform.translate(container.name(), e)).orElse(e);
        }
        Integer hostPort = firstPort == null ? null : docker.inspectContainer(id).hostPorts().get(firstPort + "/tcp");
        log.info("[" + container.name() + "] up" + as.map(platform -> " as " + platform.platform() + " (emulated)").orElse("")
                + (hostPort == null ? "" : " on 127.0.0.1:" + hostPort) + " (" + container.readiness().describe() + ")");
        return new RunningEnvironment.Started(container.name(), id, container.alias(), image, container.service(), firstPort,
                hostPort);
    }

    private Probe probe(String id) {
        return new Probe() {
            @Override
            public List<String> logLines() {
                return docker.logs(id, 0);
            }

            @Override
            public Optional<String> health() {
                return docker.inspectContainer(id).health();
            }

            @Override
            public Optional<String> hostAndPort(int port) {
                ContainerState state = docker.inspectContainer(id);
                return state.address().map(ip -> ip + ":" + port)
                        .or(() -> Optional.ofNullable(state.hostPorts().get(port + "/tcp")).map(p -> "127.0.0.1:" + p));
            }
        };
    }

    /**
     * Whether {@code environment} is what {@code settings} would start now: the same containers,
     * all running, each service on the image id last assembled for it.
     */
    public boolean isCurrent(RunningEnvironment environment, EnvironmentSettings settings) {
        Map<String, TestContainerSpec> wanted = new java.util.HashMap<>();
        settings.containers().forEach(container -> wanted.put(container.name(), container));
        if (!wanted.keySet().equals(environment.containers().stream().map(RunningEnvironment.Started::name)
                .collect(java.util.stream.Collectors.toSet()))) {
            return false;
        }
        for (RunningEnvironment.Started container : environment.containers()) {
            TestContainerSpec spec = wanted.get(container.name());
            String image = spec.service() != null ? settings.serviceImage(spec.name(), spec.service()).toString() : spec.image();
            if (!container.image().equals(image) || !running(container.id())) {
                return false;
            }
        }
        return true;
    }

    private boolean running(String containerId) {
        try {
            return docker.inspectContainer(containerId).running();
        } catch (RuntimeException gone) {
            return false;
        }
    }

    /**
     * The environment the state file names, for a run to use or stop; empty when there is none.
     * Refuses one that a live Maven run (not this one) is using; says so of one that a Maven run
     * which is gone left behind without handing it over, which the caller must not use.
     */
    public Optional<RunningEnvironment> claim(Path stateFile, Liveness liveness) {
        Optional<RunningEnvironment> found = RunningEnvironment.load(stateFile);
        if (found.isEmpty()) {
            return found;
        }
        RunningEnvironment environment = found.get();
        switch (environment.standing(liveness, RunningEnvironment.saved(stateFile))) {
            case IN_USE -> throw new UserFailure("The test environment in " + stateFile + " belongs to a Maven run that is"
                    + " still going (" + environment.owner() + "), in this same project folder. Wait for it to end, or run"
                    + " this build in another copy of the project: copies run side by side.");
            case ABANDONED -> log.info("The test environment " + environment.networkName() + " was left behind by a Maven run"
                    + " that is gone" + (environment.owner() == null ? "" : " (" + environment.owner() + ")")
                    + " without handing it over: it is removed, not used.");
            default -> {
                // this run's own, or handed over to it
            }
        }
        return found;
    }

    /**
     * Keeps every container's log in {@code logs/CONTAINER.log}, then removes the containers and the network. The
     * containers go {@value #STOPPING_AT_ONCE} at a time: one by one, a large environment's teardown outlasted the push
     * it runs beside. Every container is removed even when another's removal failed; the first failure is thrown then.
     */
    public void stop(RunningEnvironment environment, Path logs) {
        List<RunningEnvironment.Started> reversed = new ArrayList<>(environment.containers());
        java.util.Collections.reverse(reversed);
        Uninterrupted.forEach(reversed, STOPPING_AT_ONCE, "turret-test-container-down", container -> {
            try {
                saveLog(container, logs);
            } finally {
                docker.removeContainer(container.id());
            }
        });
        // runners of the same run may still be attached (a Ctrl-C stops them in another hook), or a container whose
        // start was cut short: the network needs them gone. The run's builders may still be running: they stay.
        docker.containersLabelled(Map.of(Labels.RUN, environment.runId())).stream()
                .filter(container -> container.labels().getOrDefault(Labels.ROLE, "").startsWith("test"))
                .map(Labelled::id).forEach(docker::removeContainer);
        docker.removeNetwork(environment.networkId());
    }

    private void saveLog(RunningEnvironment.Started container, Path logs) {
        try {
            Files.createDirectories(logs);
            Files.write(logs.resolve(container.name() + ".log"), docker.logs(container.id(), 0));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not keep the log of test container '" + container.name() + "': " + Causes.describe(e));
        }
    }

    /**
     * Removes the environment saved in {@code stateFile} if the JVM ends before it was stopped
     * (Ctrl-C, SIGTERM). Cancel it once the environment is down or handed over.
     */
    public StopOnExit stopOnExit(Path stateFile, Path logs) {
        return StopOnExit.register(this, stateFile, logs);
    }

    /** Stops the environment, keeping every container's log in {@code logs}, and forgets it: {@code stateFile} deleted. */
    public void remove(RunningEnvironment environment, Path stateFile, Path logs) {
        stop(environment, logs);
        deleteState(stateFile);
    }

    /** As {@link #remove(RunningEnvironment, Path, Path)}, then {@code stopOnExit} cancelled, even when the removal failed. */
    public void remove(RunningEnvironment environment, Path stateFile, Path logs, StopOnExit stopOnExit) {
        try {
            remove(environment, stateFile, logs);
        } finally {
            stopOnExit.cancel();
        }
    }

    private static void deleteState(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot remove " + stateFile + ": " + Causes.describe(e), e);
        }
    }
}
