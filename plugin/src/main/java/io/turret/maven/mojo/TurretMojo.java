package io.turret.maven.mojo;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialLookup;
import io.turret.auth.ServerCredential;
import io.turret.build.BuildSettings;
import io.turret.build.BuilderSpec;
import io.turret.docker.DockerAccess;
import io.turret.docker.DockerJavaAccess;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.itest.RunningEnvironment;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
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

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** How many builders, services or runners run at once; the number of cores by default. */
    @Parameter(property = Properties.THREADS)
    Integer threads;

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

    abstract boolean goalSkipped();

    abstract String goalSkipProperty();

    abstract void run();

    Path turretDirectory() {
        return buildDirectory.toPath().resolve("turret");
    }

    /** The run of a test environment turret:start left up on purpose, which other goals must not remove. */
    Set<String> liveEnvironmentRuns() {
        return RunningEnvironment.load(turretDirectory().resolve("environment.json"))
                .map(environment -> Set.of(environment.runId())).orElse(Set.of());
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

    /** Credentials for pulling builder, base and test images: the chain, looked up by each image's registry. */
    CredentialLookup pullCredentials() {
        return new CredentialChain(decryptedServers(), null, System.getenv(), Path.of(System.getProperty("user.home")))::find;
    }

    /** The Docker engine, pulling with {@link #pullCredentials()}. */
    DockerAccess docker() {
        return DockerJavaAccess.connect(pullCredentials());
    }

    BuildSettings buildSettings() {
        List<BuilderSpec> specs = (builders == null ? List.<Builder>of() : builders).stream()
                .map(b -> new BuilderSpec(b.name, b.image, b.sources, b.workingDirectory, b.script, b.environment,
                        b.outputs, b.caches, b.network, b.excludes))
                .toList();
        return new BuildSettings(projectName, projectDirectory.toPath(), buildDirectory.toPath(), turretDirectory(),
                threadCount(), specs);
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
