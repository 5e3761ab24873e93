package io.turret.reuse;

import io.turret.files.Folders;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a cache folder no longer needs: entries unused for longer than the cache's maximum age, and
 * the temporary folders ({@code .tmp-*}, and the {@code .damaged-*} and {@code .expired-*} being
 * deleted) that a killed run left. Safe while other runs use the folder: a temporary folder is
 * removed only once nothing was written into it for {@link #ABANDONED_AFTER}, far longer than a run
 * takes to fill one; an entry is first renamed aside whole, so a run looking it up finds it either
 * whole or not at all. Best effort: what cannot be removed now is left for a later run.
 */
final class StaleEntries {
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private StaleEntries() {
    }

    /** Removes from every kind's folder under {@code root} what is stale at {@code now}. */
    static void remove(Path root, Instant now, Duration maxAge) {
        try (DirectoryStream<Path> kinds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path kind : kinds) {
                removeFrom(kind, now, maxAge);
            }
        } catch (IOException | RuntimeException e) {
            // another run is tidying too, or the folder is not ours to change: the next store tries again
        }
    }

    private static void removeFrom(Path kind, Instant now, Duration maxAge) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(kind)) {
            for (Path child : children) {
                try {
                    if (child.getFileName().toString().startsWith(".")) {
                        if (olderThan(child, now, ABANDONED_AFTER)) {
                            Folders.deleteRecursively(child);
                        }
                    } else if (olderThan(lastUsed(child), now, maxAge)) {
                        Path aside = kind.resolve(".expired-" + UUID.randomUUID());
                        Files.move(child, aside, StandardCopyOption.ATOMIC_MOVE);
                        Folders.deleteRecursively(aside);
                    }
                } catch (IOException e) {
                    // gone meanwhile (another run removed it) or in use: left as it is
                }
            }
        }
    }

    /** An entry's manifest is touched when the entry is found, so its time is when it was last stored or used. */
    private static Path lastUsed(Path entry) {
        Path manifest = entry.resolve(ReuseCache.MANIFEST);
        return Files.exists(manifest, LinkOption.NOFOLLOW_LINKS) ? manifest : entry;
    }

    private static boolean olderThan(Path path, Instant now, Duration age) throws IOException {
        Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.plus(age).isBefore(now);
    }
}
