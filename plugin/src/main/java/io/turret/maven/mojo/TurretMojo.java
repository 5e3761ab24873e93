package io.turret.maven.mojo;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialLookup;
import io.turret.auth.CredentialSearch;
import io.turret.auth.RegistryCredential;
import io.turret.auth.ServerCredential;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.docker.DockerAccess;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.itest.RunningEnvironment;
import io.turret.pull.Registries;
import io.turret.pull.RegistryImageSource;
import io.turret.registry.Proxies;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.registry.TlsFailure;
import io.turret.reuse.ReuseCache;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ProcessTable;
import io.turret.run.ReapAfter;
import io.turret.run.ScratchFolders;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every goal shares: the skip switches, the project's coordinates and folders, and the one
 * place where Turret's failures become Maven's (the user's to fix → MojoFailureException; the
 * environment's → MojoExecutionException).
 */
abstract class TurretMojo extends AbstractMojo {
    /** Skips every Turret goal. */
    @Parameter(property = Properties.SKIP, defaultValue = "false")
    boolean skip;

    /** The project's artifactId: it names containers and labels them ({@code io.turret.project}). */
    @Parameter(defaultValue = "${project.artifactId}", readonly = true, required = true)
    String projectName;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File projectDirectory;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /** The builders: each compiles and tests one part of the system in its own container. */
    @Parameter
    List<Builder> builders = List.of();

    /**
     * The registry the images are named for (and pushed to): {@code HOST} or {@code HOST:PORT}. Every goal
     * knows it, since its credential goes to it alone.
     */
    @Parameter(property = Properties.REGISTRY)
    String registry;

    /** The settings.xml {@code <server>} id of the registry's credential; the registry's HOST:PORT by default. */
    @Parameter(property = Properties.SERVER_ID)
    String serverId;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Inject
    SettingsDecrypter settingsDecrypter;

    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    /** How many builders, services or runners run at once; the number of cores by default. */
    @Parameter(property = Properties.THREADS)
    Integer threads;

    /**
     * How old the containers, networks and scratch folders of a run on another host (or of an
     * older Turret) must be before a run of this project removes them as left behind: {@code 90m},
     * {@code 6h}, {@code 2d}. A run on this host is removed as soon as its Maven process is gone.
     */
    @Parameter(property = Properties.REAP_AFTER, defaultValue = "6h")
    String reapAfter;

    /**
     * Where work that passed is kept by the content of its inputs, to be reused when they did not
     * change: builders' outputs, integration test verdicts. A CI job can keep it; deleting it is safe.
     */
    @Parameter(property = Properties.REUSE_CACHE, defaultValue = "${user.home}/.cache/turret/reuse")
    File reuseCache;

    /**
     * How many days an entry of the reuse cache that no run used is kept; a run that keeps new work
     * removes older ones.
     */
    @Parameter(property = Properties.REUSE_CACHE_MAX_AGE_DAYS, defaultValue = "30")
    int reuseCacheMaxAgeDays;

    /** Runs every builder, assembly and integration test again, even when its inputs did not change. */
    @Parameter(property = Properties.RERUN, defaultValue = "false")
    boolean rerun;

    /** jib's layer caches; outside {@code target/} so that {@code mvn clean} keeps them. */
    @Parameter(property = Properties.CACHE, defaultValue = "${user.home}/.cache/turret/jib")
    File cacheDirectory;

    /** A PEM file of the CA that signed the registry's certificate; {@code /etc/docker/certs.d/HOST:PORT/*.crt} by default. */
    @Parameter(property = Properties.REGISTRY_CA)
    File registryCa;

    /**
     * Uploads each blob in chunks of this many MiB ({@code PATCH} requests), for registries or
     * proxies that limit a request's size; a chunk cut off is resumed where the registry says it
     * stands. 0, the default, uploads each blob in one request.
     */
    @Parameter(property = Properties.REGISTRY_CHUNK_SIZE, defaultValue = "0")
    long uploadChunkSize;

    /** Talks to the registry over plain HTTP, without TLS. Only for a registry on a trusted network. */
    @Parameter(property = Properties.REGISTRY_PLAIN_HTTP, defaultValue = "false")
    boolean plainHttp;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String skippedBy = skip ? Properties.SKIP : goalSkipProperty();
        if (skip || goalSkipped()) {
            getLog().info("Skipping turret:" + goal() + " (" + skippedBy + "=true)");
            return;
        }
        try {
            run();
        } catch (UserFailure e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EnvironmentFailure e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    abstract String goal();

    /** Whether this goal's own skip property is set; goals without one are skipped by turret.skip alone. */
    boolean goalSkipped() {
        return false;
    }

    String goalSkipProperty() {
        return Properties.SKIP;
    }

    abstract void run();

    Path turretDirectory() {
        return buildDirectory.toPath().resolve("turret");
    }

    /** Tells which runs are gone: this Maven process is the owner of what this run makes. */
    Liveness liveness() {
        return new Liveness(Owner.current(), ProcessTable.local(),
                ReapAfter.parse(reapAfter, "-D" + Properties.REAP_AFTER + " (<reapAfter>)"), Clock.systemUTC());
    }

    /** The scratch folders of runs of this project folder, under target/turret/tmp/. */
    ScratchFolders scratchFolders(Liveness liveness) {
        return new ScratchFolders(turretDirectory().resolve("tmp"), liveness, new MavenLog(getLog()));
    }

    /** Opens a run, after removing what runs of this project that are gone left behind; never what a live run uses. */
    RunResources openRun(DockerAccess docker, Liveness liveness) {
        return RunResources.open(docker, newRunId(), projectName, new Leftovers(liveness, RunningEnvironment::holds),
                scratchFolders(liveness), new MavenLog(getLog()));
    }

    /** The settings.xml servers, their passwords decrypted as Maven does. */
    List<ServerCredential> decryptedServers() {
        if (settings == null || settings.getServers().isEmpty()) {
            return List.of();
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(settings));
        return decrypted.getServers().stream()
                .map(server -> new ServerCredential(server.getId(), server.getUsername(), server.getPassword())).toList();
    }

    /** The credential chain; the release registry's own sources (serverId, environment) go to it alone. */
    CredentialChain credentialChain() {
        return new CredentialChain(registry, serverId, decryptedServers(), System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * Credentials for pulling builder, base and test images: the chain, looked up by each image's
     * registry; says once per registry where the credential came from, or where none was found.
     */
    CredentialLookup pullCredentials() {
        CredentialChain chain = credentialChain();
        Set<String> told = ConcurrentHashMap.newKeySet();
        return imageRegistry -> {
            Optional<RegistryCredential> credential = chain.find(imageRegistry);
            if (told.add(imageRegistry)) {
                getLog().info("Pulling from " + imageRegistry + " with " + credential.map(c -> "the credential from " + c.source())
                        .orElse("no credential (none in " + chain.searched(imageRegistry) + ")"));
            }
            return credential;
        };
    }

    /**
     * The Docker engine; an image it lacks is fetched with our registry client from
     * {@link #registries()}, or pulled by the engine with {@link #pullCredentials()}.
     */
    DockerAccess docker() {
        return DockerJavaAccess.connect(pullCredentials(), new RegistryImageSource(registries(), releaseRegistry(),
                cacheDirectory.toPath().resolve("pulled"), new MavenLog(getLog())));
    }

    /** The API of {@code host} ({@code HOST[:PORT]}), with its own credential, and {@code ca} or Docker's place for its CA. */
    RegistryClient registryClient(String host, File ca) {
        return registryClient(host, ca, plainHttp);
    }

    /**
     * The registries images are pulled from and pushed to (bases, builders, runners, test
     * containers, the release), each with its own credential, Docker's place for its CA and the
     * proxy; the release registry with {@code <registryCa>} and {@code <plainHttp>} too. One client
     * per registry for the whole goal, so that its tokens are shared and its source told once.
     */
    Registries registries() {
        String release = releaseRegistry();
        return host -> clients.computeIfAbsent(host, named -> named.equals(release) ? registryClient(named, registryCa)
                : registryClient(named, null, false));
    }

    /** {@code <registry>} as written, trimmed; empty when there is none (a goal that pushes refuses that itself). */
    private String releaseRegistry() {
        return registry == null ? "" : registry.strip();
    }

    private RegistryClient registryClient(String host, File ca, boolean plainHttp) {
        CredentialSearch credential = credentialChain().search(host);
        getLog().info("Registry " + host + ": " + credential.found().map(found -> "credential from " + found.source())
                .orElse("no credential (none in " + credential.searched() + ")"));
        RegistryTrust trust = plainHttp ? RegistryTrust.plainHttp()
                : RegistryTrust.forRegistry(host, ca == null ? null : ca.toPath(), RegistryTrust.DOCKER_CERTS);
        Optional<Proxies.Choice> proxy = Proxies.choose(plainHttp ? "http" : "https", settingsProxies(), System.getenv())
                .filter(choice -> !choice.isDirect(TlsFailure.host(host)));
        proxy.ifPresent(choice -> getLog().info("Registry " + host + ": through the proxy " + choice));
        return RegistryClient.open(host, plainHttp, trust, credential, RetryPolicy.DEFAULT,
                proxy, chunkMegabytes() << 20, new MavenLog(getLog()));
    }

    private long chunkMegabytes() {
        if (uploadChunkSize < 0) {
            throw new UserFailure("<uploadChunkSize>" + uploadChunkSize + "</uploadChunkSize> (turret.registry.chunkSize) is"
                    + " negative; give the MiB of each chunk, or 0 to upload each blob in one request.");
        }
        return uploadChunkSize;
    }

    /** The settings.xml {@code <proxies>}, their passwords decrypted as Maven does. */
    private List<Proxies.SettingsProxy> settingsProxies() {
        if (settings == null || settings.getProxies() == null || settings.getProxies().isEmpty()) {
            return List.of();
        }
        return settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(settings)).getProxies().stream()
                .map(proxy -> new Proxies.SettingsProxy(proxy.getId(), proxy.isActive(), proxy.getProtocol(), proxy.getHost(),
                        proxy.getPort(), proxy.getNonProxyHosts(), proxy.getUsername(), proxy.getPassword())).toList();
    }

    BuildSettings buildSettings() {
        List<BuilderSpec> specs = (builders == null ? List.<Builder>of() : builders).stream()
                .map(b -> new BuilderSpec(b.name, b.image, b.sources, b.workingDirectory, b.script, b.environment,
                        b.outputs, b.caches, b.network, b.excludes, BuilderSpec.timeout(b.timeout)))
                .toList();
        return new BuildSettings(projectName, projectDirectory.toPath(), buildDirectory.toPath(), turretDirectory(),
                threadCount(), specs);
    }

    /** The cache of reusable work; with turret.rerun, nothing is found in it, but what passes is still kept. */
    ReuseCache reuse() {
        if (reuseCacheMaxAgeDays < 1) {
            throw new UserFailure("<reuseCacheMaxAgeDays>" + reuseCacheMaxAgeDays + "</reuseCacheMaxAgeDays> ("
                    + Properties.REUSE_CACHE_MAX_AGE_DAYS + ") must be a number of days of at least 1: how long an entry no run"
                    + " used is kept.");
        }
        return ReuseCache.at(reuseCache.toPath(), rerun, Duration.ofDays(reuseCacheMaxAgeDays));
    }

    /** {@code <threads>}, checked without reading the builders: a push needs no source folder. */
    int threadCount() {
        int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (count < 1) {
            throw new UserFailure("<threads>" + count + "</threads> (" + Properties.THREADS + ") must be at least 1.");
        }
        return count;
    }

    /** A run id that sorts by time and tells runs apart: {@code 20261124-162301-3fa9}. */
    static String newRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
