package io.turret.maven.mojo;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.goal.Goal;
import io.turret.goal.Goals;
import java.io.File;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the skip switch, the project's coordinates and folders, how registries are
 * reached, and the one place where Turret's failures become Maven's (the user's to fix →
 * MojoFailureException; the environment's → MojoExecutionException).
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
     * The platforms the images are made for, comma-separated {@code OS/ARCHITECTURE[/VARIANT]}, e.g.
     * {@code linux/amd64,linux/arm64}: each builder runs once per platform with {@code TARGETPLATFORM},
     * {@code TARGETOS}, {@code TARGETARCH} and {@code TARGETVARIANT} set. The Docker engine's own platform by default.
     */
    @Parameter(property = Properties.PLATFORMS)
    String platforms;

    /**
     * The platforms whose images the integration tests run, comma-separated: set it only to release a platform
     * this engine cannot test, recorded as untested. Every released platform this engine runs, natively or emulated
     * (qemu-user-static registered with binfmt_misc), by default.
     */
    @Parameter(property = Properties.TESTED_PLATFORMS)
    String testedPlatforms;

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
        Optional<String> skippedBy = skip ? Optional.of(Properties.SKIP) : skippedBy();
        if (skippedBy.isPresent()) {
            getLog().info("Skipping turret:" + goal() + " (" + skippedBy.get() + "=true)");
            return;
        }
        try {
            Goal goal = mapped();
            Goals.run(goal, ConfigurationMapper.run(this), new MavenLog(getLog()));
        } catch (UserFailure e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EnvironmentFailure e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    abstract String goal();

    /** The property that skips this goal, when it is set; every goal declares its own (turret.skip skips them all). */
    abstract Optional<String> skippedBy();

    static Optional<String> skippedBy(boolean skipped, String property) {
        return skipped ? Optional.of(property) : Optional.empty();
    }

    /** The goal, its configuration mapped from this Mojo's parameters (and checked). */
    abstract Goal mapped();
}
