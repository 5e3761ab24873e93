package io.turret.tar;

import io.turret.failure.UserFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks what a container hands back (the engine's archive of a path) into a folder, keeping
 * modes and symbolic links. Any entry that would land outside the folder (a {@code ..}, an
 * absolute name, a link pointing out) is refused before anything is written for it.
 */
public final class OutputExtractor {
    private OutputExtractor() {
    }

    /**
     * @param stripComponents leading name parts to drop: 1 for the engine's archive of {@code /out},
     *     whose entries are {@code out/...}; an entry that is all leading parts and not a folder
     *     (the archive of one file) keeps its name
     * @return the paths written, relative to {@code destination}
     */
    public static List<Path> extract(InputStream stream, Path destination, int stripComponents) throws IOException {
        Path root = destination.toAbsolutePath().normalize();
        Files.createDirectories(root);
        List<Path> written = new ArrayList<>();
        Map<Path, Integer> directoryModes = new LinkedHashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path relative = stripped(entry.getName(), stripComponents);
            if (relative == null && entry.isDirectory()) {
                continue;
            }
            if (relative == null) {
                // the engine archives an output that is one file under the file's own name
                relative = Path.of(entry.getName()).getFileName();
            }
            Path target = inside(root, relative, entry.getName());
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                directoryModes.put(target, entry.getMode());
            } else if (entry.isSymbolicLink()) {
                Path link = Path.of(entry.getLinkName());
                if (link.isAbsolute() || !target.getParent().resolve(link).normalize().startsWith(root)) {
                    throw refused(entry.getName(), "is a link to " + entry.getLinkName() + ", outside " + root);
                }
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, link);
            } else if (entry.isLink()) {
                Path linked = stripped(entry.getLinkName(), stripComponents);
                if (linked == null) {
                    throw refused(entry.getName(), "is a hard link to " + entry.getLinkName() + ", outside " + root);
                }
                Path source = inside(root, linked, entry.getLinkName());
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(entry.getName(), "is a hard link to " + entry.getLinkName() + ", not a file of this output");
                }
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.copy(tar, target);
                Files.setPosixFilePermissions(target, PosixModes.toPermissions(entry.getMode()));
            } else {
                throw refused(entry.getName(), "is a device, a pipe or another special file");
            }
            written.add(root.relativize(target));
        }
        for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
            Files.setPosixFilePermissions(directory.getKey(), PosixModes.toPermissions(directory.getValue() | 0700));
        }
        return written;
    }

    private static Path stripped(String name, int components) {
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            throw refused(name, "has an absolute name");
        }
        if (path.getNameCount() <= components) {
            return null;
        }
        return path.subpath(components, path.getNameCount());
    }

    private static Path inside(Path root, Path relative, String name) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refused(name, "would land outside " + root);
        }
        if (throughLink(root, target)) {
            throw refused(name, "would be written through a symbolic link");
        }
        return target;
    }

    private static boolean throughLink(Path root, Path target) {
        for (Path parent = target.getParent(); !parent.equals(root); parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) {
                return true;
            }
        }
        return false;
    }

    private static UserFailure refused(String name, String why) {
        return new UserFailure("the entry '" + name + "' " + why + "; it was refused");
    }
}
