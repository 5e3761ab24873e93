package io.turret.tar;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a builder's sources as {@link SourceArchive} walks them: a folder, a file or a
 * symbolic link (kept as a link, never followed).
 *
 * @param path relative to the working directory, {@code /}-separated: {@code go/cmd/main.go}
 * @param mode the permission bits
 * @param size a file's size when it was walked; 0 for the others
 * @param linkTarget a link's target as written in it; empty for the others
 * @param file the file in the project; null for a folder that only holds a source folder ({@code a} of {@code a/b})
 */
public record SourceEntry(String path, Type type, int mode, long size, String linkTarget, Path file) {
    /** What an entry is. */
    public enum Type { DIRECTORY, FILE, LINK }

    public SourceEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkTarget, "linkTarget");
    }
}
