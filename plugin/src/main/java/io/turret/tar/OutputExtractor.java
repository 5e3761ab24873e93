package io.turret.tar;

import io.turret.failure.UserFailure;
import io.turret.files.ConfinedFolder;
import io.turret.files.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks what a container hands back (the engine's archive of a path) into a folder, keeping
 * modes and symbolic links. The archive is hostile: an entry that would land outside the folder
 * (a {@code ..}, an absolute name, a name through a link it made before), a link that leads
 * outside once followed through the links already there, a hard link to anything but a file it
 * holds, and special files (pipes, devices) are refused, and the folder is then removed. Nothing
 * here follows a link: files are written, and modes set, on the entry's own path only.
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
        Files.createDirectories(destination);
        ConfinedFolder folder = new ConfinedFolder(destination);
        try {
            return extract(new TarArchiveInputStream(stream), folder, stripComponents);
        } catch (UserFailure refused) {
            Folders.deleteRecursively(folder.root());
            throw refused;
        }
    }

    private static List<Path> extract(TarArchiveInputStream tar, ConfinedFolder folder, int stripComponents) throws IOException {
        Path root = folder.root();
        List<Path> written = new ArrayList<>();
        Map<Path, Integer> directoryModes = new LinkedHashMap<>();
        Map<Path, String> links = new LinkedHashMap<>();
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            Path relative = stripped(name, stripComponents);
            if (relative == null && entry.isDirectory()) {
                continue;
            }
            if (relative == null) {
                // the engine archives an output that is one file under the file's own name
                relative = Path.of(name).getFileName();
            }
            Path target = inside(root, relative, name);
            String special = special(entry);
            if (special != null) {
                throw refused(name, "is " + special + "; a build output holds only folders, files and links");
            }
            if (entry.isDirectory()) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    makeRoomFor(target, name);
                    Files.createDirectory(target);
                }
                directoryModes.put(target, entry.getMode());
            } else if (entry.isSymbolicLink()) {
                confined(folder, target, entry.getLinkName(), name);
                makeRoomFor(target, name);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                links.put(target, name);
            } else if (entry.isLink()) {
                Path source = hardLinked(root, entry.getLinkName(), stripComponents, name);
                makeRoomFor(target, name);
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } else {
                makeRoomFor(target, name);
                Files.copy(tar, target);
                PosixModes.set(target, entry.getMode());
            }
            written.add(root.relativize(target));
        }
        // A later link can change where an earlier one leads (x -> a/../.. is harmless until a -> ..),
        // also one of an earlier archive unpacked into the same folder: every link there is checked again.
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path link : tree.filter(Files::isSymbolicLink).sorted().toList()) {
                confined(folder, link, Files.readSymbolicLink(link).toString(),
                        links.getOrDefault(link, root.relativize(link).toString()));
            }
        }
        for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
            if (Files.isDirectory(directory.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                PosixModes.set(directory.getKey(), directory.getValue() | 0700);
            }
        }
        return written;
    }

    private static Path stripped(String name, int components) {
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            throw refused(name, "has an absolute name");
        }
        if (climbs(path)) {
            throw refused(name, "has '..' in its name and would land outside the output");
        }
        if (path.getNameCount() <= components) {
            return null;
        }
        return path.subpath(components, path.getNameCount());
    }

    private static boolean climbs(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The entry's path, after checking that no folder on the way is a link. */
    private static Path inside(Path root, Path relative, String name) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refused(name, "would land outside the output");
        }
        String obstacle = obstacle(root, target);
        if (obstacle != null) {
            throw refused(name, "would be written through " + obstacle);
        }
        return target;
    }

    /** A hard link is copied, and only from a file of this output reached through no link. */
    private static Path hardLinked(Path root, String linkName, int stripComponents, String name) {
        Path path = Path.of(linkName);
        if (path.isAbsolute() || climbs(path) || path.getNameCount() <= stripComponents) {
            throw refused(name, "is a hard link to " + linkName + ", outside the output");
        }
        Path source = root.resolve(path.subpath(stripComponents, path.getNameCount())).normalize();
        String obstacle = obstacle(root, source);
        if (obstacle != null) {
            throw refused(name, "is a hard link to " + linkName + ", through " + obstacle);
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name, "is a hard link to " + linkName + ", not a file of this output");
        }
        return source;
    }

    /** What stands on the way from the root to the path: a link or a file; null when only folders do. */
    private static String obstacle(Path root, Path path) {
        for (Path parent = path.getParent(); !parent.equals(root); parent = parent.getParent()) {
            if (Files.isSymbolicLink(parent)) {
                return "the link " + root.relativize(parent) + " it made before";
            }
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                return "the file " + root.relativize(parent);
            }
        }
        return null;
    }

    private static void confined(ConfinedFolder folder, Path link, String linkText, String name) throws IOException {
        try {
            folder.resolve(link.getParent(), linkText);
        } catch (ConfinedFolder.Escape escape) {
            throw refused(name, "is a link to " + linkText + ", which " + escape.getMessage());
        }
    }

    /** Creates the folders on the way and removes what the entry replaces: a file or a link, never followed. */
    private static void makeRoomFor(Path target, String name) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.deleteIfExists(target);
        } catch (DirectoryNotEmptyException e) {
            throw refused(name, "would replace the folder " + target.getFileName() + ", which is not empty");
        }
    }

    /** What the entry is when it is not a folder, a file or a link; checked before isFile(), which is true for pipes too. */
    private static String special(TarArchiveEntry entry) {
        if (entry.isFIFO()) {
            return "a named pipe (FIFO)";
        }
        if (entry.isCharacterDevice()) {
            return "a character device";
        }
        if (entry.isBlockDevice()) {
            return "a block device";
        }
        if (entry.isDirectory() || entry.isSymbolicLink() || entry.isLink() || entry.isFile()) {
            return null;
        }
        return "a special file (tar type '" + (char) entry.getLinkFlag() + "')";
    }

    private static UserFailure refused(String name, String why) {
        return new UserFailure("the entry '" + name + "' " + why + "; it was refused, and the output with it: make the"
                + " <script> leave in its <outputs> only folders, files and links that stay inside them.");
    }
}
