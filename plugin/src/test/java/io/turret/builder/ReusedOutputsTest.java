package io.turret.builder;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.docker.FakeDocker;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.ReuseCache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReusedOutputsTest {
    private static final String KEY = "c".repeat(64);

    @TempDir
    Path temp;

    private final List<String> lines = new ArrayList<>();

    private final BuilderSpec go = new BuilderSpec("go", "go-builder:1", List.of("go"), null, "go build -o /out/ ./...",
            Map.of(), List.of("/out"), List.of(), null, List.of());

    private BuildSettings settings() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("go"));
        return new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 1, List.of(go));
    }

    private ReusedOutputs reuse(BuildSettings settings, ReuseCache cache) {
        Log log = new Log() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }

            @Override
            public void debug(String line) {
            }
        };
        return new ReusedOutputs(new FakeDocker(), settings, cache, log, new ContentKeys());
    }

    /** Keeps an archive of the engine's shape (entries under {@code out/}) as a passed build's output. */
    private ReuseCache kept(TarWriter archive) throws IOException {
        Path file = temp.resolve("output-0.tar");
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            archive.write(tar);
        }
        ReuseCache cache = ReuseCache.at(temp.resolve("cache"), false);
        cache.store(ReusedOutputs.KIND, KEY, JSON.createObjectNode().put("runId", "run-1"), Map.of("output-0.tar", file));
        return cache;
    }

    @Test
    void putsTheOutputsBackWithTheirModesAndLinksAndSaysSo() throws Exception {
        BuildSettings settings = settings();
        ReuseCache cache = kept(tar -> {
            entry(tar, "out/", TarArchiveEntry.LF_DIR, 040755, null, "");
            entry(tar, "out/api", TarArchiveEntry.LF_NORMAL, 0100755, null, "binary");
            entry(tar, "out/current", TarArchiveEntry.LF_SYMLINK, 0120777, "api", "");
        });

        BuildResult result = reuse(settings, cache).restore(go, KEY).orElseThrow();

        Path output = settings.outputDirectory(go);
        assertTrue(result.passed());
        assertEquals(List.of("api", "current"), result.outputs());
        assertTrue(Files.isExecutable(output.resolve("api")));
        assertEquals(Path.of("api"), Files.readSymbolicLink(output.resolve("current")));
        assertEquals(List.of("[go] reused the outputs of run run-1 (inputs unchanged)"), lines);
        assertTrue(Files.readString(settings.logs().resolve("build-go.log")).contains("reused the outputs of run run-1"));
    }

    @Test
    void aKeptArchiveGoesThroughTheSameChecksAsAContainersOutput() throws Exception {
        BuildSettings settings = settings();
        ReuseCache cache = kept(tar -> {
            entry(tar, "out/", TarArchiveEntry.LF_DIR, 040755, null, "");
            entry(tar, "out/etc", TarArchiveEntry.LF_SYMLINK, 0120777, "/etc", "");
        });

        Optional<BuildResult> result = reuse(settings, cache).restore(go, KEY);

        assertEquals(Optional.empty(), result, "the builder runs instead");
        assertTrue(lines.size() == 1 && lines.get(0).startsWith("WARN [go] ignored the kept outputs of run run-1"), lines.toString());
        assertTrue(Files.notExists(settings.outputDirectory(go).resolve("etc")));
    }

    @Test
    void anEntryAnotherRunRemovedAsUnusedAfterItWasFoundIsAMiss() throws Exception {
        BuildSettings settings = settings();
        ReuseCache cache = kept(tar -> entry(tar, "out/api", TarArchiveEntry.LF_NORMAL, 0100755, null, "binary"));
        ReuseCache.Entry found = cache.find(ReusedOutputs.KIND, KEY).orElseThrow();
        ReuseCache monthsLater = ReuseCache.at(temp.resolve("cache"), false, Duration.ofDays(30),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(90)));
        monthsLater.store(ReusedOutputs.KIND, "d".repeat(64), JSON.createObjectNode().put("runId", "run-2"), Map.of());

        Optional<BuildResult> result = reuse(settings, cache).restore(go, found);

        assertEquals(Optional.empty(), result, "the builder runs instead");
        assertEquals(List.of("[go] the kept outputs of run run-1 went away while being read (another run removed them as"
                + " unused, or the folder was deleted); building again"), lines);
    }

    @Test
    void aMissingEntryIsNoReuse() throws Exception {
        assertEquals(Optional.empty(), reuse(settings(), ReuseCache.at(temp.resolve("cache"), false)).restore(go, KEY));
        assertEquals(List.of(), lines);
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte type, int mode, String link, String content)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        if (link != null) {
            entry.setLinkName(link);
        }
        if (type == TarArchiveEntry.LF_NORMAL) {
            entry.setSize(data.length);
        }
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
