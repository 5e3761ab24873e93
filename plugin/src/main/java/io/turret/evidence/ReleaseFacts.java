package io.turret.evidence;

import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.docker.DockerAccess;
import io.turret.image.GitRevision;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a release knows about how its images were made and tested, beyond the images themselves:
 * the provenance's and the verdict's material.
 *
 * @param revision the git commit the project is at; empty outside a git work tree
 * @param dirty whether the work tree had changes git would show (unknown: false)
 * @param configuration the SHA-256 of the project's pom.xml
 * @param platforms the platforms the integration tests ran on
 * @param tests the runners' JUnit counts, where they wrote reports
 */
public record ReleaseFacts(String releaseId, Optional<String> revision, boolean dirty, Optional<Digest> configuration,
        String turretVersion, Instant started, List<ImageUse> builders, List<ImageUse> runners, List<ImageUse> testContainers,
        List<Platform> platforms, Optional<TestCounts> tests) {
    public ReleaseFacts {
        builders = List.copyOf(builders);
        runners = List.copyOf(runners);
        testContainers = List.copyOf(testContainers);
        platforms = List.copyOf(platforms);
    }

    public ReleaseFacts withPlatforms(List<Platform> tested) {
        return new ReleaseFacts(releaseId, revision, dirty, configuration, turretVersion, started, builders, runners, testContainers,
                tested, tests);
    }

    /** The plugin's own version, from the pom.properties Maven packs into its jar. */
    public static String pluginVersion() {
        try (InputStream in = ReleaseFacts.class.getResourceAsStream("/META-INF/maven/io.turret/turret-maven-plugin/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static Optional<Digest> configuration(Path projectDirectory) {
        try {
            return Optional.of(Digest.of(Files.readAllBytes(projectDirectory.resolve("pom.xml"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code git status --porcelain} lists anything; false where git cannot tell. */
    public static boolean dirty(Path projectDirectory) {
        try {
            Process git = new ProcessBuilder("git", "-C", projectDirectory.toString(), "status", "--porcelain")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return false;
            }
            return git.exitValue() == 0 && !out.isBlank();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The facts of a release that ran here: each image asked of {@code engine} by its name.
     *
     * @param runnerReports each runner's folder of JUnit reports
     */
    public static ReleaseFacts gather(DockerAccess engine, Path projectDirectory, String releaseId, Instant started,
            List<BuilderSpec> builders, List<RunnerSpec> runners, List<TestContainerSpec> containers, List<Platform> platforms,
            List<Path> runnerReports) {
        return new ReleaseFacts(releaseId, GitRevision.of(projectDirectory), dirty(projectDirectory),
                configuration(projectDirectory), pluginVersion(), started,
                builders.stream().map(b -> ImageUse.of(engine, b.name(), b.image(), Optional.of(b.script()))).toList(),
                runners.stream().map(r -> ImageUse.of(engine, r.name(), r.image(), Optional.of(r.script()))).toList(),
                containers.stream().filter(c -> c.image() != null)
                        .map(c -> ImageUse.of(engine, c.name(), c.image(), Optional.empty())).toList(),
                platforms, TestCounts.of(runnerReports));
    }

    /** The facts of a release whose images were built and tested by earlier goals (turret:push alone): no engine asked. */
    public static ReleaseFacts pushedAlone(Path projectDirectory, String releaseId) {
        return new ReleaseFacts(releaseId, GitRevision.of(projectDirectory), dirty(projectDirectory),
                configuration(projectDirectory), pluginVersion(), Instant.now(), List.of(), List.of(), List.of(), List.of(),
                Optional.empty());
    }

    /** {@link #gather} for a release's builders, runners and test containers. */
    public static Function<String, ReleaseFacts> of(DockerAccess engine, BuildSettings build, EnvironmentSettings environment,
            List<Platform> platforms, Instant started) {
        return releaseId -> gather(engine, build.projectDirectory(), releaseId, started, build.builders(), environment.runners(),
                environment.containers(), platforms, environment.runners().stream().map(environment::runnerReports).toList());
    }
}
