package io.turret.reuse;

import io.turret.failure.Causes;
import io.turret.report.Log;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The {@link ContentKey}s of a project's files from earlier runs, each with the file's {@link StatKey}
 * when it was hashed: a file whose stat is the same is not read again, as git's index does. A hash
 * is kept only when the file's times are clearly older than the moment its reading started
 * ({@link StatKey#settledBefore}): a write in the same tick as the hashing could leave the stat as
 * it was (git's "racy" entries). The key is still the content's; the cache only spares reading what did not change.
 *
 * <p>One file per project, {@code target/turret/content-hashes}, read once when the cache is made
 * and written by {@link #save()} under a temporary name, then renamed over the old one: two runs at
 * once, or a run killed while writing, leave the old file or the new one, never half of one. A file
 * that is unreadable, damaged or of another format is ignored (everything is read again). Deleting
 * it is always safe.
 */
public final class HashCache {
    /** The cache's file name, in the project's {@code target/turret/}. */
    public static final String FILE_NAME = "content-hashes";
    /** How old a temporary file must be before a save removes it as what a killed run left. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    private static final String FORMAT = "turret-content-hashes-1";
    private static final int MAX_ENTRIES = 50_000_000;
    private static final Pattern KEY = Pattern.compile("(sha256|pieces):[0-9a-f]{64}");

    /** Reads a file's content into its key: what the cache spares. */
    interface Reader {
        String key(Path file) throws IOException;
    }

    /** A file's stat; empty when it cannot be had (then the file is always read). */
    interface Stats {
        Optional<StatKey> of(Path file) throws IOException;
    }

    /** A file's key with its stat when it was read. */
    record Hashed(StatKey stat, String key) {
    }

    private final Path file;
    private final Log log;
    private final Reader reader;
    private final Stats stats;
    private final Clock clock;
    /** What the file held when the cache was made, less what was found changed since. */
    private final Map<String, Hashed> loaded;
    /** What this run hashed or found unchanged: kept by the next save whatever else happened. */
    private final Map<String, Hashed> seen = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private HashCache(Path file, Log log, Reader reader, Stats stats, Clock clock) {
        this.file = file;
        this.log = log;
        this.reader = reader;
        this.stats = stats;
        this.clock = clock;
        this.loaded = file == null ? Map.of() : read(file, log);
    }

    /** No cache: every file is read every time it is asked for. */
    public static HashCache off() {
        return new HashCache(null, Log.silent(), ContentKey::of, StatKey::of, Clock.systemUTC());
    }

    /** The cache kept in {@code file}, read now; empty when there is none yet or it cannot be trusted. */
    public static HashCache load(Path file, Log log) {
        return load(file, log, ContentKey::of, StatKey::of, Clock.systemUTC());
    }

    static HashCache load(Path file, Log log, Reader reader, Stats stats, Clock clock) {
        return new HashCache(file.toAbsolutePath().normalize(), log, reader, stats, clock);
    }

    /** The file's {@link ContentKey}: the one kept when its stat is unchanged, else read now. */
    public String key(Path path) throws IOException {
        if (file == null) {
            return reader.key(path);
        }
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.toString();
        long started = nanos(clock.instant());
        Optional<StatKey> stat;
        try {
            stat = stats.of(absolute);
        } catch (IOException e) {
            return reader.key(absolute); // fails with the reason of this moment
        }
        if (stat.isEmpty()) {
            return reader.key(absolute);
        }
        Hashed known = seen.get(name);
        if (known == null) {
            known = loaded.get(name);
        }
        if (known != null && known.stat().equals(stat.get())) {
            seen.put(name, known);
            return known.key();
        }
        String key = reader.key(absolute);
        loaded.remove(name);
        if (stat.get().settledBefore(started)) {
            seen.put(name, new Hashed(stat.get(), key));
        } else {
            seen.remove(name);
        }
        changed = true;
        return key;
    }

    /**
     * Writes what is known for the next run, when anything changed: the files of this run and those
     * of earlier runs that are still there. Never fails: a cache that cannot be written is only a debug line.
     */
    public void save() {
        if (file == null || !changed) {
            return;
        }
        changed = false;
        Map<String, Hashed> kept = new TreeMap<>(seen);
        loaded.forEach((name, hashed) -> {
            if (!kept.containsKey(name) && Files.exists(Path.of(name))) {
                kept.put(name, hashed);
            }
        });
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(file.getParent());
            write(temporary, kept);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.debug("Kept the content hashes of " + kept.size() + " files in " + file);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not keep the content hashes in " + file + " (" + Causes.describe(e)
                    + "); the next run reads its files again");
        } finally {
            deleteQuietly(temporary);
        }
        removeAbandoned();
    }

    /** The files whose hashes the cache holds now: for tests. */
    Map<String, Hashed> entries() {
        Map<String, Hashed> all = new TreeMap<>(loaded);
        all.putAll(seen);
        return all;
    }

    private static Map<String, Hashed> read(Path file, Log log) {
        Map<String, Hashed> entries = new ConcurrentHashMap<>();
        try (CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                new CRC32()); DataInputStream in = new DataInputStream(checked)) {
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("not of format " + FORMAT);
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_ENTRIES) {
                throw new IOException("a count of " + count + " entries");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                StatKey stat = new StatKey(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
                String key = in.readUTF();
                if (!KEY.matcher(key).matches() || !Path.of(name).isAbsolute()) {
                    throw new IOException("a malformed entry");
                }
                entries.put(name, new Hashed(stat, key));
            }
            long sum = checked.getChecksum().getValue();
            if (in.readLong() != sum || in.read() != -1) {
                throw new IOException("a wrong checksum");
            }
            return entries;
        } catch (NoSuchFileException e) {
            return new ConcurrentHashMap<>();
        } catch (EOFException e) {
            return ignored(file, log, "cut short");
        } catch (IOException | RuntimeException e) {
            return ignored(file, log, Causes.describe(e));
        }
    }

    private static Map<String, Hashed> ignored(Path file, Log log, String reason) {
        log.debug("Ignored the content hashes in " + file + " (" + reason + "); every file is read again");
        return new ConcurrentHashMap<>();
    }

    private static void write(Path temporary, Map<String, Hashed> entries) throws IOException {
        try (CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16), new CRC32());
                DataOutputStream out = new DataOutputStream(checked)) {
            out.writeUTF(FORMAT);
            out.writeInt(entries.size());
            for (Map.Entry<String, Hashed> entry : entries.entrySet()) {
                StatKey stat = entry.getValue().stat();
                out.writeUTF(entry.getKey());
                out.writeLong(stat.size());
                out.writeLong(stat.modified());
                out.writeLong(stat.changed());
                out.writeLong(stat.inode());
                out.writeLong(stat.device());
                out.writeUTF(entry.getValue().key());
            }
            out.writeLong(checked.getChecksum().getValue());
        }
    }

    /** The temporary files of runs killed while they saved. */
    private void removeAbandoned() {
        Instant before = clock.instant().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".tmp-*")) {
            for (Path temporary : temporaries) {
                if (Files.getLastModifiedTime(temporary).toInstant().isBefore(before)) {
                    deleteQuietly(temporary);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or another run tidies: the next save tries again
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for removeAbandoned
        }
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }
}
