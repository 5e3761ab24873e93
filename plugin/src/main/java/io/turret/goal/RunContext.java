package io.turret.goal;

import io.turret.docker.DockerAccess;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.itest.RunningEnvironment;
import io.turret.platform.PlatformChoice;
import io.turret.platform.ReleasePlatforms;
import io.turret.pull.Registries;
import io.turret.pull.RegistryImageSource;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.reuse.ReuseCache;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ProcessTable;
import io.turret.run.ScratchFolders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one goal's run shares: the engine client (connected when first asked for), one registry
 * client per registry, the reuse cache, the run's liveness and the resources it starts, the log and
 * the workspace. Closing it removes whatever a run it opened still holds.
 */
public final class RunContext implements AutoCloseable {
    private final RunSettings settings;
    private final Log log;
    private final RegistryClients registries;
    private final Supplier<DockerAccess> connect;
    private final Liveness liveness;
    private final List<RunResources> runs = new ArrayList<>();
    private DockerAccess engine;
    private ReuseCache reuse;

    private RunContext(RunSettings settings, Log log, RegistryClients registries, Supplier<DockerAccess> connect,
            Liveness liveness) {
        this.settings = settings;
        this.log = log;
        this.registries = registries;
        this.connect = connect;
        this.liveness = liveness;
    }

    /**
     * The context of a goal run by this Maven process, against the Docker engine found as the docker
     * CLI finds it; an image the engine lacks is fetched with Turret's registry client.
     */
    public static RunContext open(RunSettings settings, Log log) {
        RegistrySettings registry = settings.registries();
        Map<String, String> environment = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        RegistryClients registries = new RegistryClients(registry, RegistryClients.connecting(registry, environment, home, log));
        return new RunContext(settings, log, registries, () -> DockerJavaAccess.connect(
                RegistryClients.pullCredentials(registry, environment, home, log), new RegistryImageSource(registries,
                registry.release(), settings.cacheDirectory().resolve("pulled"), log)),
                new Liveness(Owner.current(), ProcessTable.local(), settings.reapAfter(), Clock.systemUTC()));
    }

    /** A context on {@code engine}, each registry's client opened by {@code registries}: what tests run goals with. */
    public static RunContext of(RunSettings settings, Log log, DockerAccess engine, Function<String, RegistryClient> registries,
            Liveness liveness) {
        return new RunContext(settings, log, new RegistryClients(settings.registries(),
                (host, ca, plainHttp) -> registries.apply(host)), () -> engine, liveness);
    }

    public RunSettings settings() {
        return settings;
    }

    public Workspace workspace() {
        return settings.workspace();
    }

    public Log log() {
        return log;
    }

    public synchronized DockerAccess engine() {
        if (engine == null) {
            engine = connect.get();
        }
        return engine;
    }

    /** The platforms of {@code choice} on this run's engine, with those it runs under emulation. */
    public ReleasePlatforms platforms(PlatformChoice choice) {
        DockerAccess docker = engine();
        return choice.resolve(docker.platform(), docker.emulation());
    }

    public Registries registries() {
        return registries;
    }

    /** The client of the release registry, {@code <registry>}. */
    public RegistryClient registry(String host) {
        return registries.client(host);
    }

    /** The client of a registry releases are promoted to, with its own CA when one is given. */
    public RegistryClient promotionTarget(String host, Optional<Path> ca) {
        return registries.promotionTarget(host, ca);
    }

    /** The cache of reusable work; with turret.rerun, nothing is found in it, but what passes is still kept. */
    public synchronized ReuseCache reuse() {
        if (reuse == null) {
            RunSettings.Reuse configured = settings.reuse();
            reuse = ReuseCache.at(configured.root(), configured.rerun(), configured.maxAge());
        }
        return reuse;
    }

    /** Tells which runs are gone: this Maven process is the owner of what this run makes. */
    public Liveness liveness() {
        return liveness;
    }

    /** Opens a run, after removing what runs of this project that are gone left behind; never what a live run uses. */
    public RunResources openRun() {
        RunResources run = RunResources.open(engine(), newRunId(), settings.project(),
                new Leftovers(liveness, RunningEnvironment::holds), new ScratchFolders(workspace().scratch(), liveness, log), log);
        synchronized (runs) {
            runs.add(run);
        }
        return run;
    }

    /** A run id that sorts by time and tells runs apart: {@code 20261124-162301-3fa9}. */
    public static String newRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Removes what a run opened in this context still holds (a goal closes its run itself where it can). */
    @Override
    public void close() {
        List<RunResources> opened;
        synchronized (runs) {
            opened = List.copyOf(runs);
            runs.clear();
        }
        opened.forEach(RunResources::close);
    }
}
