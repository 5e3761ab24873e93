package io.turret.builder;

import io.turret.docker.ContainerSpec;
import io.turret.docker.DockerAccess;
import io.turret.docker.ImagePull;
import io.turret.docker.Labels;
import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import io.turret.files.Folders;
import io.turret.failure.UserFailure;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.tar.OutputExtractor;
import io.turret.tar.SourceArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One script container, start to end: image, container, sources in (copied, or kept in a workspace
 * volume of the builder's or runner's own: {@link Workspaces}), script, outputs out, container gone.
 * A builder's outputs come back only when its script passed; a test runner's reports come back either way.
 */
public final class ScriptRun {
    private static final Set<String> ENGINE_NETWORKS = Set.of("none", "bridge", "host");

    private final DockerAccess docker;
    private final RunResources run;
    private final BuildSettings settings;
    private final Log log;
    private final Workspaces workspaces;

    /** Script runs that hash the sources' files they keep in workspace volumes anew. */
    public ScriptRun(DockerAccess docker, RunResources run, BuildSettings settings, Log log) {
        this(docker, run, settings, log, new ContentKeys());
    }

    /** @param sources the content keys of the sources' files ({@link BuilderInputs#sourceHashes}) */
    public ScriptRun(DockerAccess docker, RunResources run, BuildSettings settings, Log log, ContentKeys sources) {
        this.docker = docker;
        this.run = run;
        this.settings = settings;
        this.log = log;
        this.workspaces = new Workspaces(docker, run, settings, log, sources);
    }

    /**
     * Runs a builder: outputs into {@code target/turret/build/NAME/}, its log as {@code build-NAME.log}; the
     * archives of its outputs, as the engine handed them back, are kept in {@code archives} as {@code output-N.tar}.
     *
     * @param cacheOwner the builder whose cache volumes it mounts: the configured one, for each platform's run of it
     */
    BuildResult build(BuilderSpec builder, String cacheOwner, Path archives) {
        return run(builder, new Purpose("build", "build-" + builder.name(), settings.outputDirectory(builder), false,
                cacheOwner, archives));
    }

    /**
     * What a script container is for.
     *
     * @param role its {@code io.turret.role} label and part of its name
     * @param logName its log file's name under {@code target/turret/logs/}, without {@code .log}
     * @param outputDirectory where the content of its outputs goes
     * @param test a test runner: its outputs (reports) come back whether it passed or not, and may be missing
     * @param cacheOwner the builder whose cache volumes the container mounts
     * @param archives where the outputs' archives are kept as they came; null to keep none
     */
    public record Purpose(String role, String logName, Path outputDirectory, boolean test, String cacheOwner, Path archives) {
        /** The configuration element messages name. */
        String element() {
            return test ? "runner" : "builder";
        }
    }

    public BuildResult run(Script builder, Purpose purpose) {
        Instant started = Instant.now();
        ImagePull.ensure(docker, builder.image(), "<" + purpose.element() + "> '" + builder.name() + "': ", builder.name(),
                log);
        requireNetwork(builder, purpose);
        Map<String, String> volumes = cacheVolumes(builder, purpose.cacheOwner());
        Optional<Workspaces.Held> workspace = workspaces.sync(builder, purpose.test() ? "it-" + builder.name() : builder.name());
        workspace.ifPresent(held -> volumes.put(held.volume(), builder.workingDirectory()));
        ContainerSpec spec = new ContainerSpec("turret-" + run.project() + "-" + purpose.role() + "-" + builder.name() + "-"
                + run.runId(), builder.image(), List.of(builder.script()), builder.workingDirectory(),
                builder.environment(), run.labels(purpose.role()), builder.network(), volumes)
                .withEntrypoint(List.of("sh", "-ec")); // the script runs whatever ENTRYPOINT the image has
        String container = run.createContainer(spec);
        try {
            if (workspace.isEmpty()) {
                copySources(builder, container, purpose);
            }
            docker.start(container);
            log.info("[" + builder.name() + "] started in " + builder.image());
            try (LogCapture capture = new LogCapture(builder.name(), log, settings.logs().resolve(purpose.logName() + ".log"))) {
                OptionalInt exitCode = run.followed(() -> follow(builder, purpose, container, capture));
                if (exitCode.isEmpty()) {
                    run.removeContainer(container);
                    Duration time = Duration.between(started, Instant.now());
                    log.info("[" + builder.name() + "] STOPPED: still running after its <timeout> of "
                            + builder.timeout().toSeconds() + " s");
                    return BuildResult.timedOut(builder.name(), builder.timeout(), time, capture.tail(), capture.text());
                }
                int code = exitCode.getAsInt();
                List<String> outputs = code == 0 || purpose.test() ? copyOutputs(builder, container, purpose) : List.of();
                Duration time = Duration.between(started, Instant.now());
                log.info("[" + builder.name() + "] " + (code == 0 ? "passed" : "FAILED with exit code " + code)
                        + " in " + time.toSeconds() + " s" + (outputs.isEmpty() ? "" : ", " + outputs.size() + " output file(s) in "
                        + settings.projectDirectory().relativize(purpose.outputDirectory())));
                return new BuildResult(builder.name(), code, time, capture.tail(), capture.text(), outputs);
            }
        } finally {
            run.removeContainer(container);
            workspace.ifPresent(workspaces::release);
        }
    }

    /**
     * Follows the script to its end; a script ended by a stop of the run (its thread interrupted,
     * or Maven stopped, whose shutdown hooks remove the container) is told as interrupted, not as failed.
     */
    private OptionalInt follow(Script builder, Purpose purpose, String container, LogCapture capture) {
        String doing = "the <" + purpose.element() + "> '" + builder.name() + "' ran";
        OptionalInt exitCode;
        try {
            exitCode = docker.followUntilExit(container, capture, builder.timeout());
        } catch (Interrupted e) {
            log.info("[" + builder.name() + "] interrupted");
            throw new Interrupted(doing, e);
        }
        if (exitCode.orElse(-1) != 0 && (RunResources.stopping() || Thread.currentThread().isInterrupted())) {
            log.info("[" + builder.name() + "] interrupted");
            throw new Interrupted(doing, null);
        }
        return exitCode;
    }

    private void requireNetwork(Script builder, Purpose purpose) {
        if (!ENGINE_NETWORKS.contains(builder.network()) && !docker.hasNetwork(builder.network())) {
            throw new UserFailure("<" + purpose.element() + "> '" + builder.name() + "': the network <network>" + builder.network()
                    + "</network> does not exist in the Docker engine; create it (docker network create " + builder.network()
                    + ") or remove <network> to build without one.");
        }
    }

    /** Named volumes survive the container: one per cache path, per project and builder; a runner uses its builder's. */
    private Map<String, String> cacheVolumes(Script builder, String owner) {
        Map<String, String> volumes = new LinkedHashMap<>();
        for (String path : builder.caches()) {
            String volume = "turret-" + run.project() + "-" + owner + "-cache"
                    + path.replaceAll("[^A-Za-z0-9_.-]", "_");
            docker.ensureVolume(volume, Labels.ofProject(run.project(), "build-cache"));
            volumes.put(volume, path);
        }
        return volumes;
    }

    private void copySources(Script builder, String container, Purpose purpose) {
        Path tar = run.scratch().resolve("sources-" + builder.name() + ".tar");
        try {
            Files.createDirectories(tar.getParent());
            try (OutputStream out = Files.newOutputStream(tar)) {
                new SourceArchive(settings.projectDirectory(), settings.buildDirectory(), builder.excludes())
                        .write(builder.sources(), builder.workingDirectory(), out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                docker.copyIn(container, "/", in);
            }
            Files.delete(tar);
        } catch (IOException e) {
            throw new EnvironmentFailure("<" + purpose.element() + "> '" + builder.name() + "': cannot send the sources to the container: "
                    + Causes.describe(e), e);
        }
    }

    private List<String> copyOutputs(Script builder, String container, Purpose purpose) {
        Path destination = purpose.outputDirectory();
        List<String> written = new ArrayList<>();
        try {
            Folders.deleteRecursively(destination);
            Files.createDirectories(destination);
            if (purpose.archives() != null) {
                Files.createDirectories(purpose.archives());
            }
            for (int i = 0; i < builder.outputs().size(); i++) {
                String output = builder.outputs().get(i);
                Optional<InputStream> found = docker.copyOut(container, output);
                if (found.isEmpty() && purpose.test()) {
                    continue; // a runner that wrote no reports: its exit code is the verdict
                }
                InputStream archive = found.orElseThrow(() -> new UserFailure("<" + purpose.element() + "> '"
                        + builder.name() + "': the output <output>" + output + "</output> does not exist in the container"
                        + " after the script; make the script write it, or fix the path."));
                try (InputStream extracted = kept(archive, purpose.archives(), i)) {
                    OutputExtractor.extract(extracted, destination, 1).forEach(path -> written.add(path.toString()));
                } catch (UserFailure e) {
                    throw new UserFailure("<" + purpose.element() + "> '" + builder.name() + "', output " + output + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentFailure("<" + purpose.element() + "> '" + builder.name() + "': cannot copy the outputs to " + destination
                    + ": " + Causes.describe(e), e);
        }
        return written.stream().sorted().toList();
    }

    /** The archive, read from its copy in {@code archives} when there is one. */
    private static InputStream kept(InputStream archive, Path archives, int index) throws IOException {
        if (archives == null) {
            return archive;
        }
        Path copy = archives.resolve(outputArchive(index));
        try (archive) {
            Files.copy(archive, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.newInputStream(copy);
    }

    /** The name of the kept archive of a builder's {@code index}-th output. */
    static String outputArchive(int index) {
        return "output-" + index + ".tar";
    }
}
