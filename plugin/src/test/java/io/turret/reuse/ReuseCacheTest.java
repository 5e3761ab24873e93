package io.turret.reuse;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    private static final String RECENT = "a".repeat(64);
    private static final String NEW = "b".repeat(64);

    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("cache");
    }

    private void store(ReuseCache cache, String content) throws Exception {
        store(cache, KEY, content);
    }

    private void store(ReuseCache cache, String key, String content) throws Exception {
        Path file = Files.writeString(Files.createTempFile(temp, "output", ".tar"), content);
        ObjectNode record = JSON.createObjectNode().put("runId", "run-1");
        cache.store("builds", key, record, Map.of("output-0.tar", file));
    }

    /** Sets when {@code path} was last written (for an entry: last stored or used) to {@code age} ago. */
    private static void age(Path path, Duration age) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
    }

    private Path manifest(String kind, String key) {
        return root().resolve(kind).resolve(key).resolve("entry.json");
    }

    private List<String> left(String kind) throws Exception {
        try (Stream<Path> left = Files.list(root().resolve(kind))) {
            return left.map(path -> path.getFileName().toString()).sorted().toList();
        }
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

    @Test
    void aStoreRemovesEntriesNoRunUsedForLongerThanTheMaximumAgeOfEveryKind() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false, Duration.ofDays(7));
        store(cache, KEY, "stale build");
        store(cache, RECENT, "recent build");
        cache.store("verdicts", KEY, JSON.createObjectNode().put("runId", "run-1"), Map.of());
        age(manifest("builds", KEY), Duration.ofDays(8));
        age(manifest("builds", RECENT), Duration.ofDays(6));
        age(manifest("verdicts", KEY), Duration.ofDays(8));

        store(cache, NEW, "new build");

        assertEquals(List.of(RECENT, NEW), left("builds"));
        assertEquals(List.of(), left("verdicts"));
    }

    @Test
    void anEntryFoundIsMarkedUsedAndSoKept() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false, Duration.ofDays(7));
        store(cache, "archive");
        age(manifest("builds", KEY), Duration.ofDays(8));

        assertTrue(cache.find("builds", KEY).isPresent());
        store(cache, NEW, "new build");

        assertEquals("archive", Files.readString(cache.find("builds", KEY).orElseThrow().files().get("output-0.tar")));
    }

    @Test
    void aTemporaryFolderIsRemovedOnlyOnceNothingWasWrittenIntoItForAnHour() throws Exception {
        ReuseCache cache = ReuseCache.at(root(), false);
        Path killed = Files.createDirectories(root().resolve("builds/.tmp-killed"));
        Files.writeString(killed.resolve("output-0.tar"), "half");
        age(killed, Duration.ofMinutes(61));
        Path live = Files.createDirectories(root().resolve("builds/.tmp-live"));
        age(live, Duration.ofMinutes(59));
        Path putAside = Files.createDirectories(root().resolve("builds/.damaged-killed"));
        age(putAside, Duration.ofDays(2));

        store(cache, "archive");

        assertEquals(List.of(".tmp-live", KEY), left("builds"));
    }

    @Test
    void anEntryAnotherRunRemovedAfterItWasFoundIsAMissThereafter() throws Exception {
        store(ReuseCache.at(root(), false), "archive");
        ReuseCache.Entry found = ReuseCache.at(root(), false).find("builds", KEY).orElseThrow();

        ReuseCache later = ReuseCache.at(root(), false, Duration.ofDays(30),
                Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC));
        store(later, NEW, "new build");

        assertTrue(Files.notExists(found.files().get("output-0.tar")));
        assertEquals(Optional.empty(), ReuseCache.at(root(), false).find("builds", KEY));
        assertEquals(List.of(NEW), left("builds"));
    }
}
