package io.turret.reuse;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.files.Folders;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The folder of work that passed, by the content of its inputs: {@code KIND/KEY/} holds the files of
 * one entry and {@code entry.json}, which names its key and each file's SHA-256. An entry is made in
 * a temporary folder and renamed into place whole, so two runs at once never see half of one; an
 * entry that is incomplete, altered or not what its name says is ignored, never trusted. Deleting
 * the folder is always safe: the work is then done again. An entry found is marked as used (its
 * manifest's time); each store removes what is stale ({@link StaleEntries}): entries unused for
 * longer than the maximum age, and what killed runs left half written.
 */
public final class ReuseCache {
    static final String MANIFEST = "entry.json";
    /** How long an entry that no run used is kept, unless told otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final boolean rerun;
    private final Duration maxAge;
    private final Clock clock;

    private ReuseCache(Path root, boolean rerun, Duration maxAge, Clock clock) {
        this.root = root;
        this.rerun = rerun;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** @param rerun find nothing (everything runs again), but still keep what passes */
    public static ReuseCache at(Path root, boolean rerun) {
        return at(root, rerun, DEFAULT_MAX_AGE);
    }

    /** @param maxAge how long an entry that no run used is kept */
    public static ReuseCache at(Path root, boolean rerun, Duration maxAge) {
        return at(root, rerun, maxAge, Clock.systemUTC());
    }

    /** @param clock what "now" is when an entry is stored or used, and when stale ones are removed */
    public static ReuseCache at(Path root, boolean rerun, Duration maxAge, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("not a maximum age: " + maxAge);
        }
        return new ReuseCache(root.toAbsolutePath().normalize(), rerun, maxAge, clock);
    }

    /** No cache: everything runs, nothing is kept. */
    public static ReuseCache off() {
        return new ReuseCache(null, true, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    public boolean rerun() {
        return rerun;
    }

    /** One verified entry: what was recorded with it, and its files. */
    public record Entry(String key, JsonNode record, Map<String, Path> files) {
        public Entry {
            files = Map.copyOf(files);
        }

        /** The run that made the entry. */
        public String runId() {
            return record.path("runId").asText("an earlier run");
        }
    }

    /**
     * The entry of this key when it is whole and intact, marked as used; empty when missing,
     * damaged, being removed by another run, or a rerun was asked for.
     */
    public Optional<Entry> find(String kind, String key) {
        if (root == null || rerun) {
            return Optional.empty();
        }
        Path folder = folder(kind, key);
        // marked before it is verified, which reads every file: a run removing stale entries meanwhile sees it used
        return markUsed(folder) ? verified(folder, key) : Optional.empty();
    }

    /** False when the entry is not there (or no longer: another run is removing it). */
    private boolean markUsed(Path folder) {
        try {
            Files.setLastModifiedTime(folder.resolve(MANIFEST), FileTime.from(clock.instant()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // a cache this run may only read is still used; it is just not marked
        }
    }

    /**
     * Keeps {@code files} (moved in, by their names) with {@code record}; the record gets the key
     * and the files' digests. When another run kept the same key first, its entry stays.
     */
    public void store(String kind, String key, ObjectNode record, Map<String, Path> files) throws IOException {
        if (root == null) {
            return;
        }
        Path target = folder(kind, key);
        Path kindFolder = target.getParent();
        Files.createDirectories(kindFolder);
        Path temporary = kindFolder.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(temporary);
            ObjectNode manifest = record.deepCopy();
            manifest.put("key", key);
            ObjectNode digests = manifest.putObject("files");
            for (Map.Entry<String, Path> file : files.entrySet()) {
                Path stored = temporary.resolve(requireName(file.getKey()));
                Files.move(file.getValue(), stored, StandardCopyOption.REPLACE_EXISTING);
                digests.put(file.getKey(), Fingerprint.ofFile(stored).toString());
            }
            JsonFiles.PRETTY.writeValue(temporary.resolve(MANIFEST).toFile(), manifest);
            Files.setLastModifiedTime(temporary.resolve(MANIFEST), FileTime.from(clock.instant()));
            if (!moveIntoPlace(temporary, target) && verified(target, key).isEmpty()) {
                // a damaged entry is in the way: put it aside whole, then take its place
                Path damaged = kindFolder.resolve(".damaged-" + UUID.randomUUID());
                Files.move(target, damaged, StandardCopyOption.ATOMIC_MOVE);
                Folders.deleteRecursively(damaged);
                moveIntoPlace(temporary, target);
            }
        } finally {
            Folders.deleteRecursively(temporary);
        }
        StaleEntries.remove(root, clock.instant(), maxAge);
    }

    private static boolean moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false; // rename(2) says ENOTEMPTY: another run's entry is there
            }
            throw e;
        }
    }

    private Path folder(String kind, String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key: " + key);
        }
        return root.resolve(kind).resolve(key);
    }

    private static Optional<Entry> verified(Path folder, String key) {
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path manifestFile = folder.resolve(MANIFEST);
            if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            JsonNode manifest = JSON.readTree(manifestFile.toFile());
            if (manifest == null || !key.equals(manifest.path("key").asText()) || !manifest.path("files").isObject()) {
                return Optional.empty();
            }
            Map<String, Path> files = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("files").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> file = it.next();
                Path stored = folder.resolve(requireName(file.getKey()));
                if (!Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS)
                        || !file.getValue().asText().equals(Fingerprint.ofFile(stored).toString())) {
                    return Optional.empty();
                }
                files.put(file.getKey(), stored);
            }
            return Optional.of(new Entry(key, manifest, files));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable or malformed: damaged, so not trusted
        }
    }

    private static String requireName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.equals(MANIFEST)) {
            throw new IllegalArgumentException("not a file name of an entry: " + name);
        }
        return name;
    }
}
