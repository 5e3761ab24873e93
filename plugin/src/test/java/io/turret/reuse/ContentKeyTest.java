package io.turret.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentKeyTest {
    @TempDir
    Path folder;

    private Path file(String name, long size, long changedAt) throws Exception {
        Path file = folder.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            if (changedAt >= 0) {
                raf.seek(changedAt);
                raf.write(1);
            }
        }
        return file;
    }

    @Test
    void aFileOfOnePieceIsKeyedByItsSha256() throws Exception {
        Path small = Files.writeString(folder.resolve("small"), "content");

        assertEquals(Fingerprint.ofFile(small).toString(), ContentKey.of(small));
    }

    @Test
    void aLargeFileIsKeyedByEveryByteOfEachPieceAndItsSize() throws Exception {
        long size = ContentKey.PIECE * 2 + 10;
        String key = ContentKey.of(file("a", size, -1));

        assertTrue(key.startsWith("pieces:"), key);
        assertEquals(key, ContentKey.of(file("same", size, -1)));
        assertNotEquals(key, ContentKey.of(file("first-piece", size, 5)));
        assertNotEquals(key, ContentKey.of(file("second-piece", size, ContentKey.PIECE + 7)));
        assertNotEquals(key, ContentKey.of(file("last-byte", size, size - 1)));
        assertNotEquals(key, ContentKey.of(file("longer", size + 1, -1)));
    }
}
