package io.turret.reuse;

import io.turret.parallel.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The content keys of one goal's project files, hashed ahead on a thread of their own while other
 * work goes on (a release checks the registry and its builders' outputs meanwhile). Only the files
 * asked for ahead are kept, once each: any other file, such as a builder's output, is hashed when
 * asked for. A file is read only when its {@link HashCache} has no key for it as it is now; closing
 * saves that cache for the next run.
 */
public final class ContentKeys implements AutoCloseable {
    private final Map<Path, CompletableFuture<String>> ahead = new ConcurrentHashMap<>();
    private final ExecutorService hashing = Workers.pool(1, "turret-hash-ahead");
    private final HashCache hashes;

    /** Keys that read every file. */
    public ContentKeys() {
        this(HashCache.off());
    }

    public ContentKeys(HashCache hashes) {
        this.hashes = hashes;
    }

    /** Starts hashing {@code files} in the background, in their order. */
    public void hashAhead(Collection<Path> files) {
        for (Path file : files) {
            ahead.computeIfAbsent(file.toAbsolutePath().normalize(), key -> CompletableFuture.supplyAsync(() -> {
                try {
                    return hashes.key(key);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, hashing));
        }
    }

    /** The file's {@link ContentKey}: the one hashed ahead, once it is done, or hashed now. */
    public String of(Path file) throws IOException {
        CompletableFuture<String> key = ahead.get(file.toAbsolutePath().normalize());
        if (key == null) {
            return hashes.key(file);
        }
        try {
            return key.get();
        } catch (ExecutionException e) {
            return hashes.key(file); // read again, to fail with this moment's reason
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing " + file, e);
        }
    }

    /** Keeps what was hashed for the next run ({@link HashCache#save()}); never fails. */
    @Override
    public void close() {
        hashes.save();
    }
}
