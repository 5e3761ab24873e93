package io.turret.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentKeysTest {
    @TempDir
    Path folder;

    @Test
    void aFileHashedAheadHasItsContentKey() throws Exception {
        Path data = Files.writeString(folder.resolve("data"), "layer data");
        ContentKeys keys = new ContentKeys();

        keys.hashAhead(List.of(data));

        assertEquals(ContentKey.of(data), keys.of(folder.resolve(".").resolve("data")));
    }

    @Test
    void aFileNotAskedForAheadIsHashedEachTimeItIsAskedFor() throws Exception {
        Path output = Files.writeString(folder.resolve("output"), "first build");
        ContentKeys keys = new ContentKeys();
        String first = keys.of(output);

        Files.writeString(output, "second build");

        assertEquals(ContentKey.of(output), keys.of(output));
        assertEquals(Fingerprint.ofFile(Files.writeString(folder.resolve("again"), "first build")).toString(), first);
    }

    @Test
    void aFileGoneWhenHashedAheadIsReadAgainWhenAskedFor() throws Exception {
        Path data = folder.resolve("late");
        ContentKeys keys = new ContentKeys();
        keys.hashAhead(List.of(data));
        Thread.sleep(100);

        Files.writeString(data, "there now");

        assertEquals(ContentKey.of(data), keys.of(data));
    }

    @Test
    void aFileUnchangedSinceTheLastRunIsNotReadAgainWhenHashedAhead() throws Exception {
        Path data = Files.writeString(folder.resolve("data"), "layer data");
        Path cacheFile = folder.resolve("target/turret").resolve(HashCache.FILE_NAME);
        List<Path> reads = new CopyOnWriteArrayList<>();
        HashCache.Reader reader = file -> {
            reads.add(file);
            return ContentKey.of(file);
        };
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        String first;
        try (ContentKeys keys = new ContentKeys(HashCache.load(cacheFile, Log.silent(), reader, StatKey::of, later))) {
            keys.hashAhead(List.of(data));
            first = keys.of(data);
        }

        try (ContentKeys keys = new ContentKeys(HashCache.load(cacheFile, Log.silent(), reader, StatKey::of, later))) {
            keys.hashAhead(List.of(data));

            assertEquals(first, keys.of(data));
        }
        assertEquals(List.of(data), reads, "read by the first run only");
    }
}
