package io.turret.reuse;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReuseCacheTest {
    private static final String KEY = "0123456789abcdef".repeat(4);

    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("cache");
    }

    private void store(ReuseCache cache, String content) throws Exception {
        Path file = Files.writeString(Files.createTempFile(temp, "output", ".tar"), content);
        ObjectNode record = JSON.createObjectNode().put("runId", "run-1");
        cache.store("builds", KEY, record, Map.of("output-0.tar", file));
    }

    @Test
    void findsWhatWasStoredWithItsRun() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");

        ReuseCache.Entry entry = cache.find("builds", KEY).orElseThrow();

        assertEquals("run-1", entry.runId());
        assertEquals("archive", Files.readString(entry.files().get("output-0.tar")));
    }

    @Test
    void findsNothingForAnotherKeyOrKind() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");

        assertEquals(Optional.empty(), cache.find("builds", "f".repeat(64)));
        assertEquals(Optional.empty(), cache.find("verdicts", KEY));
    }

    @Test
    void aRerunFindsNothingButStillKeeps() throws Exception {
        store(ReuseCache.at(root(), true), "archive");

        assertEquals(Optional.empty(), ReuseCache.at(root(), true).find("builds", KEY));
        assertTrue(ReuseCache.at(root(), false).find("builds", KEY).isPresent());
    }

    @Test
    void anAlteredFileIsNotTrusted() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");
        Files.writeString(root().resolve("builds").resolve(KEY).resolve("output-0.tar"), "archivE");

        assertEquals(Optional.empty(), cache.find("builds", KEY));
    }

    @Test
    void aMissingFileIsNotTrusted() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");
        Files.delete(root().resolve("builds").resolve(KEY).resolve("output-0.tar"));

        assertEquals(Optional.empty(), cache.find("builds", KEY));
    }

    @Test
    void aTruncatedOrMisnamedManifestIsNotTrusted() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");
        Path manifest = root().resolve("builds").resolve(KEY).resolve("entry.json");
        String whole = Files.readString(manifest);

        Files.writeString(manifest, whole.substring(0, whole.length() / 2));
        assertEquals(Optional.empty(), cache.find("builds", KEY));

        Files.writeString(manifest, whole.replace(KEY, "f".repeat(64)));
        assertEquals(Optional.empty(), cache.find("builds", KEY));

        Files.writeString(manifest, whole.replace("output-0.tar", "../../escape.tar"));
        assertEquals(Optional.empty(), cache.find("builds", KEY));
    }

    @Test
    void aDamagedEntryIsReplacedByTheNextStore() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        store(cache, "archive");
        Files.delete(root().resolve("builds").resolve(KEY).resolve("output-0.tar"));

        store(cache, "again");

        assertEquals("again", Files.readString(cache.find("builds", KEY).orElseThrow().files().get("output-0.tar")));
    }

    @Test
    void twoRunsStoringAtOnceLeaveOneWholeEntryAndNoTemporaryFolder() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> stores = Stream.of("a", "b", "c", "d", "e", "f", "g", "h")
                    .<Future<?>>map(content -> pool.submit(() -> {
                        store(cache, content.repeat(100_000));
                        return null;
                    })).toList();
            for (Future<?> store : stores) {
                store.get();
            }
        } finally {
            pool.shutdown();
        }

        String content = Files.readString(cache.find("builds", KEY).orElseThrow().files().get("output-0.tar"));
        assertEquals(100_000, content.length());
        try (Stream<Path> left = Files.list(root().resolve("builds"))) {
            assertEquals(List.of(KEY), left.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void anOffCacheKeepsAndFindsNothing() throws Exception {
        store(ReuseCache.off(), "archive");

        assertEquals(Optional.empty(), ReuseCache.off().find("builds", KEY));
        assertTrue(Files.notExists(root()));
    }
}
