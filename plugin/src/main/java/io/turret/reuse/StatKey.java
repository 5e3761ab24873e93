package io.turret.reuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What stat(2) says of a file that changes whenever its content does: its size, modification and
 * change times (in nanoseconds since the epoch, as precise as the file system keeps them), inode and
 * device. Writing a file changes its change time, which no tool can set back, and replacing it
 * changes its inode; git's index trusts the same fields.
 */
record StatKey(long size, long modified, long changed, long inode, long device) {
    private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** How much older than its hashing a file must be on a file system that keeps fractions of a second. */
    static final long FINE_WINDOW = TimeUnit.MILLISECONDS.toNanos(100);
    /** ... and on one that keeps whole seconds. */
    static final long COARSE_WINDOW = TimeUnit.SECONDS.toNanos(3);

    /** The file's stat, following links; empty where the JDK has no "unix" view (then the file is always read). */
    static Optional<StatKey> of(Path file) throws IOException {
        Map<String, Object> stat;
        try {
            stat = Files.readAttributes(file, ATTRIBUTES);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (stat.get("size") instanceof Long size && stat.get("lastModifiedTime") instanceof FileTime modified
                && stat.get("ctime") instanceof FileTime changed && stat.get("ino") instanceof Long inode
                && stat.get("dev") instanceof Long device) {
            return Optional.of(new StatKey(size, modified.to(TimeUnit.NANOSECONDS), changed.to(TimeUnit.NANOSECONDS), inode,
                    device));
        }
        return Optional.empty();
    }

    /**
     * Whether the file's last write was clearly before {@code started}, the moment its hashing began:
     * a write after that moment in the same tick of the file system's clock would leave both times
     * as they are, so a hash is only trusted for a file whose times are older than a tick, and then
     * some for the kernel's clock, which lags a few milliseconds. Times of whole seconds are taken as
     * those of a file system that keeps no fraction (ticks of 1 or 2 s), or a JDK that reads none.
     */
    boolean settledBefore(long started) {
        long window = modified % SECOND == 0 && changed % SECOND == 0 ? COARSE_WINDOW : FINE_WINDOW;
        return modified < started - window && changed < started - window;
    }
}
