package io.turret.maven.mojo;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialLookup;
import io.turret.auth.RegistryCredential;
import io.turret.auth.ServerCredential;
import io.turret.build.BuildSettings;
import io.turret.build.BuilderSpec;
import io.turret.docker.DockerAccess;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.EngineErrors;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.itest.RunningEnvironment;
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
        } catch (RuntimeException e) {
            RuntimeException translated = new EngineErrors(System.getenv()).translate(e);
            if (translated instanceof UserFailure) {
                throw new MojoFailureException(translated.getMessage(), translated);
            }
            if (translated instanceof EnvironmentFailure) {
                throw new MojoExecutionException(translated.getMessage(), translated);
            }
            throw e;
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

    /** The Docker engine, pulling with {@link #pullCredentials()}. */
    DockerAccess docker() {
        return DockerJavaAccess.connect(pullCredentials());
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
