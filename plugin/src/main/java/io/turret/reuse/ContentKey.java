package io.turret.reuse;

import io.turret.failure.EnvironmentFailure;
import io.turret.parallel.Workers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A file's content as a reuse key: its SHA-256 ({@code sha256:HEX}); for a file larger than
 * {@link #PIECE}, the SHA-256 of its size and of its pieces' SHA-256s ({@code pieces:HEX}), the
 * pieces hashed on every core at once. Hashing is what a release that changed nothing spends on a
 * large file each run (a 1 GiB layer: about 0.8 s on one core here); content is still all that
 * counts, never a file's time.
 */
public final class ContentKey {
    static final long PIECE = 64L << 20;
    private static final int BUFFER = 1 << 20;
    private static final ExecutorService HASHING = Workers.pool(Math.max(1, Runtime.getRuntime().availableProcessors()),
            "turret-hash");

    private ContentKey() {
    }

    public static String of(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= PIECE) {
            return Fingerprint.ofFile(file).toString();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<Future<byte[]>> pieces = new ArrayList<>();
            for (long start = 0; start < size; start += PIECE) {
                long from = start;
                pieces.add(HASHING.submit(() -> piece(channel, from, Math.min(PIECE, size - from))));
            }
            MessageDigest whole = Fingerprint.sha256();
            whole.update(("size " + size + "\n").getBytes(StandardCharsets.US_ASCII));
            for (Future<byte[]> piece : pieces) {
                whole.update(piece.get());
            }
            return "pieces:" + HexFormat.of().formatHex(whole.digest());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("hashing " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while hashing " + file, e);
        }
    }

    private static byte[] piece(FileChannel channel, long from, long length) throws IOException {
        MessageDigest digest = Fingerprint.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = from;
        long end = from + length;
        while (position < end) {
            buffer.clear().limit((int) Math.min(BUFFER, end - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                break; // the file shrank while it was read: what was read is its content
            }
            buffer.flip();
            digest.update(buffer);
            position += read;
        }
        return digest.digest();
    }
}
