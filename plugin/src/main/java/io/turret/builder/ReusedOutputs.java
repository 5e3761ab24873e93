package io.turret.builder;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.docker.ImagePull;
import io.turret.failure.Causes;
import io.turret.failure.UserFailure;
import io.turret.files.Folders;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.ReuseCache;
import io.turret.tar.OutputExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A builder's outputs kept in the {@link ReuseCache} under the key of its inputs, and put back
 * without a container when the inputs are the same. What is kept is each output's archive as the
 * engine handed it back, and putting it back goes through {@link OutputExtractor} again: a kept
 * entry is as untrusted as the container was.
 */
final class ReusedOutputs {
    static final String KIND = "builds";

    private final DockerAccess docker;
    private final BuildSettings settings;
    private final ReuseCache cache;
    private final Log log;
    private final ContentKeys sources;

    ReusedOutputs(DockerAccess docker, BuildSettings settings, ReuseCache cache, Log log, ContentKeys sources) {
        this.sources = sources;
        this.docker = docker;
        this.settings = settings;
        this.cache = cache;
        this.log = log;
    }

    /** The key of the builder's inputs; pulls its image when the engine lacks it. */
    Optional<String> key(BuilderSpec builder) {
        ImagePull.ensure(docker, builder.image(), "<builder> '" + builder.name() + "': ", builder.name(), log);
        return docker.inspectImage(builder.image()).map(EngineImage::id)
                .map(imageId -> BuilderInputs.key(builder, imageId, settings.projectDirectory(), settings.buildDirectory(),
                        sources));
    }

    /** The outputs of an earlier run of the same inputs, put back into the output folder; empty when there is none intact. */
    Optional<BuildResult> restore(BuilderSpec builder, String key) {
        return cache.find(KIND, key).flatMap(entry -> restore(builder, entry));
    }

    /** The entry's outputs put back; empty when they are not intact or, since it was found, another run removed them. */
    Optional<BuildResult> restore(BuilderSpec builder, ReuseCache.Entry entry) {
        Instant started = Instant.now();
        Path destination = settings.outputDirectory(builder);
        List<String> written = new ArrayList<>();
        try {
            Folders.deleteRecursively(destination);
            Files.createDirectories(destination);
            for (int i = 0; i < builder.outputs().size(); i++) {
                Path archive = entry.files().get(ScriptRun.outputArchive(i));
                if (archive == null) {
                    throw new IOException("the entry has no archive of " + builder.outputs().get(i));
                }
                try (InputStream in = Files.newInputStream(archive)) {
                    OutputExtractor.extract(in, destination, 1).forEach(path -> written.add(path.toString()));
                }
            }
            String line = "reused the outputs of run " + entry.runId() + " (inputs unchanged)";
            log.info("[" + builder.name() + "] " + line);
            Path logFile = settings.logs().resolve("build-" + builder.name() + ".log");
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8);
            return Optional.of(new BuildResult(builder.name(), 0, Duration.between(started, Instant.now()), List.of(line),
                    line + "\n", written.stream().sorted().toList()));
        } catch (NoSuchFileException e) {
            log.info("[" + builder.name() + "] the kept outputs of run " + entry.runId() + " went away while being read"
                    + " (another run removed them as unused, or the folder was deleted); building again");
            return Optional.empty();
        } catch (IOException | UserFailure e) {
            log.warn("[" + builder.name() + "] ignored the kept outputs of run " + entry.runId() + " (" + Causes.describe(e)
                    + "); building again");
            return Optional.empty();
        }
    }

    /** Keeps a passed build's output archives under its key; a failure to keep them is only a warning. */
    void keep(BuilderSpec builder, String key, Path archives, String runId) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < builder.outputs().size(); i++) {
            files.put(ScriptRun.outputArchive(i), archives.resolve(ScriptRun.outputArchive(i)));
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("runId", runId);
        record.put("builder", builder.name());
        try {
            cache.store(KIND, key, record, files);
        } catch (IOException e) {
            log.warn("[" + builder.name() + "] could not keep its outputs for reuse (" + Causes.describe(e) + ")");
        }
    }
}
