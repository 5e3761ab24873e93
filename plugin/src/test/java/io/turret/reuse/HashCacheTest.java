package io.turret.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.turret.report.Log;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCacheTest {
    /** A run an hour after the files were written: none of them is racy. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

    @TempDir
    Path folder;

    private final Reads reads = new Reads();
    private final DebugLog log = new DebugLog();

    /** The reader of the real files, counting what it reads. */
    private static final class Reads implements HashCache.Reader {
        final List<Path> files = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String key(Path file) throws IOException {
            files.add(file);
            return ContentKey.of(file);
        }

        int count() {
            return files.size();
        }
    }

    private static final class DebugLog implements Log {
        final List<String> debug = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void debug(String line) {
            debug.add(line);
        }
    }

    private Path cacheFile() {
        return folder.resolve("target/turret").resolve(HashCache.FILE_NAME);
    }

    private HashCache run(Clock clock) {
        return HashCache.load(cacheFile(), log, reads, StatKey::of, clock);
    }

    /** A run at {@code clock} that hashes {@code files} and saves its cache; the key of the first file. */
    private String hashedBySavedRun(Clock clock, Path... files) throws IOException {
        HashCache run = run(clock);
        String first = null;
        for (Path file : files) {
            String key = run.key(file);
            first = first == null ? key : first;
        }
        run.save();
        return first;
    }

    /** A file written, then dated an hour back (which sets its change time to now). */
    private Path file(String name, String content) throws IOException {
        Path file = Files.writeString(folder.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return file;
    }

    /** Waits until the file system's clock has moved past {@code file}'s change time, so that a write now changes it. */
    private static void waitForNextTick(Path file) throws Exception {
        long changed = StatKey.of(file).orElseThrow().changed();
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        for (int i = 0; i < 500; i++) {
            Files.writeString(probe, "tick " + i);
            if (StatKey.of(probe).orElseThrow().changed() > changed) {
                Files.delete(probe);
                return;
            }
            Thread.sleep(10);
        }
        fail("the file system's clock did not move in 5 s");
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws Exception {
        Path file = file("data", "layer data");
        String key = hashedBySavedRun(LATER, file);

        String again = run(LATER).key(file);

        assertEquals(key, again);
        assertEquals(List.of(file), reads.files, "read once, by the first run only");
    }

    @Test
    void anUnchangedGibibyteFileIsNotReadAgain() throws Exception {
        Path large = folder.resolve("layer.bin");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        HashCache first = run(LATER);
        long readStarted = System.nanoTime();
        String key = first.key(large);
        long readTook = System.nanoTime() - readStarted;
        first.save();

        long cachedStarted = System.nanoTime();
        String again = run(LATER).key(large);
        long cachedTook = System.nanoTime() - cachedStarted;

        assertEquals(key, again);
        assertTrue(key.startsWith("pieces:"), key);
        assertEquals(1, reads.count(), "the second run took the key without opening the file");
        System.out.printf("1 GiB: read and hashed in %d ms, taken from the cache (loaded with it) in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(readTook), TimeUnit.NANOSECONDS.toMillis(cachedTook));
    }

    @Test
    void aFileRewrittenWithItsSizeAndModificationTimeRestoredIsReadAgain() throws Exception {
        Path file = file("config", "version 1");
        FileTime modified = Files.getLastModifiedTime(file);
        hashedBySavedRun(LATER, file);
        StatKey before = StatKey.of(file).orElseThrow();
        waitForNextTick(file);

        Files.writeString(file, "version 2");
        Files.setLastModifiedTime(file, modified); // touch -d
        StatKey after = StatKey.of(file).orElseThrow();
        String key = run(LATER).key(file);

        assertEquals(List.of(before.size(), before.modified(), before.inode()),
                List.of(after.size(), after.modified(), after.inode()), "only the change time tells");
        assertEquals(ContentKey.of(file), key);
        assertEquals(Fingerprint.of("version 2".getBytes()).toString(), key);
        assertEquals(2, reads.count());
    }

    @Test
    void aReplacedFileOfTheSameSizeAndTimeIsReadAgain() throws Exception {
        Path file = file("config", "version 1");
        FileTime modified = Files.getLastModifiedTime(file);
        hashedBySavedRun(LATER, file);
        StatKey before = StatKey.of(file).orElseThrow();

        Path replacement = Files.writeString(folder.resolve("config.new"), "version 2");
        Files.setLastModifiedTime(replacement, modified);
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String key = run(LATER).key(file);

        StatKey after = StatKey.of(file).orElseThrow();
        assertEquals(before.size(), after.size());
        assertEquals(before.modified(), after.modified());
        assertNotEquals(before.inode(), after.inode());
        assertEquals(Fingerprint.of("version 2".getBytes()).toString(), key);
        assertEquals(2, reads.count());
    }

    @Test
    void eachFieldOfTheStatCounts() throws Exception {
        Path file = file("data", "content");
        StatKey recorded = new StatKey(7, 1_000, 2_000, 42, 8);
        List<StatKey> changes = List.of(new StatKey(8, 1_000, 2_000, 42, 8), new StatKey(7, 1_001, 2_000, 42, 8),
                new StatKey(7, 1_000, 2_001, 42, 8), new StatKey(7, 1_000, 2_000, 43, 8), new StatKey(7, 1_000, 2_000, 42, 9));
        for (StatKey changed : changes) {
            Files.deleteIfExists(cacheFile());
            AtomicReference<StatKey> stat = new AtomicReference<>(recorded);
            HashCache first = HashCache.load(cacheFile(), log, reads, path -> Optional.of(stat.get()), LATER);
            first.key(file);
            first.save();
            HashCache second = HashCache.load(cacheFile(), log, reads, path -> Optional.of(stat.get()), LATER);
            second.key(file);
            int unchanged = reads.count();

            stat.set(changed);
            second.key(file);

            assertEquals(unchanged + 1, reads.count(), "read again when the stat is " + changed);
        }
    }

    /** A run whose stat is {@code stat}, hashing at {@code now}. */
    private HashCache fakeRun(Instant now, StatKey stat) {
        return HashCache.load(cacheFile(), log, reads, path -> Optional.of(stat), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Whether a file of {@code stat}, hashed at {@code now} and then rewritten, is read again by the next run. */
    private boolean readAgainAfterARewrite(Instant now, StatKey stat) throws Exception {
        Files.deleteIfExists(cacheFile());
        Path file = Files.writeString(folder.resolve("racy"), "before");
        HashCache first = fakeRun(now, stat);
        first.key(file);
        first.save();
        int before = reads.count();

        Files.writeString(file, "after!"); // the same size, and (as far as the file system can tell) the same times
        String key = fakeRun(now, stat).key(file);

        boolean readAgain = reads.count() > before;
        assertEquals(Fingerprint.of((readAgain ? "after!" : "before").getBytes()).toString(), key);
        return readAgain;
    }

    private static StatKey statAt(Instant time) {
        long nanos = TimeUnit.SECONDS.toNanos(time.getEpochSecond()) + time.getNano();
        return new StatKey(6, nanos, nanos, 42, 8);
    }

    @Test
    void aFileWrittenWithinTheTickOfItsHashingIsReadAgainThoughItsStatIsTheSame() throws Exception {
        Instant now = Instant.parse("2026-12-07T18:00:00.500Z");

        assertTrue(readAgainAfterARewrite(now, statAt(now.minusMillis(30))), "30 ms before, on a fine-grained file system");
        assertTrue(readAgainAfterARewrite(now, statAt(now)), "in the same nanosecond");
        assertTrue(readAgainAfterARewrite(now, statAt(now.plusSeconds(5))), "times ahead of the clock");
        assertTrue(readAgainAfterARewrite(now, statAt(Instant.parse("2026-12-07T17:59:58Z"))),
                "2.5 s before, on a file system that keeps whole seconds");
    }

    @Test
    void aFileSettledLongBeforeItsHashingIsTrustedByItsStat() throws Exception {
        Instant now = Instant.parse("2026-12-07T18:00:00.500Z");

        // what only a stat that lies could hide: the cache trusts the stat
        assertFalse(readAgainAfterARewrite(now, statAt(now.minusMillis(300))), "300 ms before, on a fine-grained file system");
        assertFalse(readAgainAfterARewrite(now, statAt(Instant.parse("2026-12-07T17:59:50Z"))),
                "10 s before, on a file system that keeps whole seconds");
    }

    @Test
    void aRealFileHashedJustAfterItWasWrittenIsReadAgainByTheNextRun() throws Exception {
        Path file = Files.writeString(folder.resolve("fresh"), "just written");
        long changed = StatKey.of(file).orElseThrow().changed();
        Instant written = Instant.ofEpochSecond(0, changed);
        Clock justAfter = Clock.fixed(written.plusMillis(20), ZoneOffset.UTC);
        hashedBySavedRun(justAfter, file);

        run(justAfter).key(file);
        Clock later = Clock.fixed(written.plusSeconds(5), ZoneOffset.UTC);
        hashedBySavedRun(later, file);
        run(later).key(file);

        assertEquals(3, reads.count(), "read by the first two runs, not by the fourth");
    }

    @Test
    void aDamagedCacheFileIsIgnoredAndEveryFileReadAgain() throws Exception {
        Path file = file("data", "layer data");
        hashedBySavedRun(LATER, file);
        byte[] good = Files.readAllBytes(cacheFile());
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        List<byte[]> damaged = List.of("not a cache".getBytes(), new byte[0], Arrays.copyOf(good, good.length / 2),
                flipped, Arrays.copyOf(good, good.length + 1));
        for (byte[] content : damaged) {
            Files.write(cacheFile(), content);
            int before = reads.count();
            int debugBefore = log.debug.size();

            String key = run(LATER).key(file);

            assertEquals(ContentKey.of(file), key);
            assertEquals(before + 1, reads.count());
            assertTrue(log.debug.subList(debugBefore, log.debug.size()).stream().anyMatch(line -> line.startsWith(
                    "Ignored the content hashes in " + cacheFile())), log.debug.toString());
        }
    }

    @Test
    void anUnreadableCacheFileIsIgnored() throws Exception {
        Files.createDirectories(cacheFile()); // a folder where the file should be
        Path file = file("data", "layer data");
        HashCache cache = run(LATER);

        assertEquals(ContentKey.of(file), cache.key(file));
        cache.save(); // cannot replace a folder: a debug line, no failure
        assertTrue(log.debug.stream().anyMatch(line -> line.startsWith("Could not keep the content hashes")), log.debug.toString());
    }

    @Test
    void runsSavingAtOnceLeaveAReadableFile() throws Exception {
        int writers = 6;
        List<List<Path>> files = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Path> own = new ArrayList<>();
            for (int f = 0; f < 50; f++) {
                own.add(file("w" + w + "-" + f, "writer " + w + " file " + f));
            }
            files.add(own);
        }
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> saves = new ArrayList<>();
                for (List<Path> own : files) {
                    HashCache cache = run(LATER);
                    for (Path file : own) {
                        cache.key(file);
                    }
                    Files.writeString(own.get(round % own.size()), "changed in round " + round); // something to save
                    cache.key(own.get(round % own.size()));
                    saves.add(threads.submit(() -> {
                        start.await();
                        cache.save();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> save : saves) {
                    save.get();
                }
                int debugBefore = log.debug.size();
                HashCache after = run(LATER);
                assertTrue(log.debug.subList(debugBefore, log.debug.size()).stream().noneMatch(line -> line.startsWith("Ignored")),
                        log.debug.toString());
                assertFalse(after.entries().isEmpty());
                for (var entry : after.entries().entrySet()) {
                    Path file = Path.of(entry.getKey());
                    if (StatKey.of(file).orElseThrow().equals(entry.getValue().stat())) {
                        assertEquals(ContentKey.of(file), entry.getValue().key(), entry.getKey());
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> left = Files.list(cacheFile().getParent())) {
            assertEquals(List.of(cacheFile()), left.toList(), "no temporary file is left");
        }
    }

    @Test
    void aSaveKilledHalfwayLeavesTheOldFileAndItsTemporaryFileIsRemovedLater() throws Exception {
        Path file = file("data", "layer data");
        hashedBySavedRun(LATER, file);
        byte[] good = Files.readAllBytes(cacheFile());
        Path killed = cacheFile().resolveSibling(HashCache.FILE_NAME + ".tmp-killed");
        Files.write(killed, Arrays.copyOf(good, good.length / 2));
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path writing = Files.write(cacheFile().resolveSibling(HashCache.FILE_NAME + ".tmp-another-run"), new byte[3]);
        Files.setLastModifiedTime(writing, FileTime.from(LATER.instant())); // being written as this run saves

        hashedBySavedRun(LATER, file, file("other", "other data"));

        assertEquals(1, reads.files.stream().filter(file::equals).count(), "the old file was read whole");
        assertFalse(Files.exists(killed), "a killed run's temporary file is removed once it is old");
        assertTrue(Files.exists(writing), "another run's temporary file being written is left alone");
    }

    @Test
    void theFilesThatAreGoneAreDroppedWhenTheCacheIsWritten() throws Exception {
        Path kept = file("kept", "kept");
        Path gone = file("gone", "gone");
        hashedBySavedRun(LATER, kept, gone);

        Files.delete(gone);
        HashCache second = run(LATER);
        second.key(file("new", "new")); // kept is not asked for in this run: still there, so still kept
        second.save();

        assertEquals(List.of(kept.toString(), folder.resolve("new").toString()), List.copyOf(run(LATER).entries().keySet()));
    }

    @Test
    void aRunThatFindsEverythingUnchangedWritesNothing() throws Exception {
        Path file = file("data", "layer data");
        hashedBySavedRun(LATER, file);
        FileTime backdated = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(cacheFile(), backdated);

        hashedBySavedRun(LATER, file);

        assertEquals(backdated, Files.getLastModifiedTime(cacheFile()));
        assertEquals(1, reads.count());
    }

    @Test
    void withoutTheUnixViewEveryFileIsReadEachTime() throws Exception {
        Path file = file("data", "layer data");
        HashCache first = HashCache.load(cacheFile(), log, reads, path -> Optional.empty(), LATER);
        first.key(file);
        first.save();

        HashCache.load(cacheFile(), log, reads, path -> Optional.empty(), LATER).key(file);

        assertEquals(2, reads.count());
    }

    @Test
    void offReadsEveryFileEachTimeAndWritesNothing() throws Exception {
        Path file = file("data", "layer data");
        HashCache off = HashCache.off();

        assertEquals(ContentKey.of(file), off.key(file));
        off.save();

        assertFalse(Files.exists(folder.resolve("target")));
    }

    @Test
    void aFileThatIsNotThereFailsAsReadingItWould() throws Exception {
        HashCache cache = run(LATER);
        Path missing = folder.resolve("missing");

        assertThrows(NoSuchFileException.class, () -> cache.key(missing));
    }

    @Test
    void theStatOfARealFileHasItsTimesInNanoseconds() throws Exception {
        Path file = file("data", "layer data");
        StatKey stat = StatKey.of(file).orElseThrow();

        assertEquals(10, stat.size());
        assertEquals(Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS), stat.modified());
        assertTrue(stat.changed() > stat.modified(), "dated back after it was written");
        assertTrue(stat.inode() > 0);
    }
}
