package io.turret.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Project folders as a tar stream for a container: sorted entries, owned by root, modes and
 * symbolic links kept, empty folders kept. {@code .git} folders, a {@code target} folder at the
 * top of a source folder, the project's build folder and what {@code excludes} match stay out.
 */
public final class SourceArchive {
    private final Path projectDirectory;
    private final Path buildDirectory;
    private final List<PathMatcher> excludes;
    private final boolean keepTimes;

    /**
     * @param excludes glob patterns ({@code **}{@code /*.log}, {@code docs/**}) matched against paths relative
     *     to each source folder
     */
    public SourceArchive(Path projectDirectory, Path buildDirectory, List<String> excludes) {
        this(projectDirectory.toAbsolutePath().normalize(), buildDirectory.toAbsolutePath().normalize(),
                excludes.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList(), true);
    }

    private SourceArchive(Path projectDirectory, Path buildDirectory, List<PathMatcher> excludes, boolean keepTimes) {
        this.projectDirectory = projectDirectory;
        this.buildDirectory = buildDirectory;
        this.excludes = excludes;
        this.keepTimes = keepTimes;
    }

    /**
     * The same archive with every time left out: it changes when a name, a mode, a link or a byte
     * of content does, never when a file is only touched. Digested, it keys what the sources give.
     */
    public SourceArchive withoutTimes() {
        return new SourceArchive(projectDirectory, buildDirectory, excludes, false);
    }

    /**
     * Writes each source folder (relative to the project) under {@code containerDirectory}:
     * {@code go} with {@code /workspace} gives entries {@code workspace/go/...}.
     */
    public void write(List<String> sources, String containerDirectory, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String prefix = containerDirectory.replaceAll("^/+", "").replaceAll("/+$", "");
            Path base = Path.of("");
            int baseDepth = 0;
            if (!prefix.isEmpty()) {
                baseDepth = Path.of(prefix).getNameCount();
                for (Path part : Path.of(prefix)) {
                    base = base.resolve(part);
                    putDirectory(tar, base.toString(), 0755);
                }
            }
            for (String source : sources.stream().sorted().toList()) {
                Path folder = projectDirectory.resolve(source).normalize();
                Path inArchive = base.resolve(projectDirectory.relativize(folder));
                for (int i = baseDepth + 1; i < inArchive.getNameCount(); i++) {
                    putDirectory(tar, inArchive.subpath(0, i).toString(), 0755);
                }
                walk(tar, folder, folder, inArchive);
            }
            tar.finish();
        }
    }

    private void walk(TarArchiveOutputStream tar, Path sourceRoot, Path path, Path inArchive) throws IOException {
        Path relative = sourceRoot.relativize(path);
        String name = inArchive.resolve(relative).toString();
        if (Files.isSymbolicLink(path)) {
            TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(Files.readSymbolicLink(path).toString());
            rootOwned(link);
            timeless(link);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            putDirectory(tar, name, mode(path));
            List<Path> children;
            try (Stream<Path> list = Files.list(path)) {
                children = list.filter(child -> !excluded(sourceRoot, child)).sorted().toList();
            }
            for (Path child : children) {
                walk(tar, sourceRoot, child, inArchive);
            }
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            TarArchiveEntry file = new TarArchiveEntry(name);
            file.setSize(Files.size(path));
            file.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode(path));
            file.setModTime(keepTimes ? Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS) : FileTime.fromMillis(0));
            rootOwned(file);
            tar.putArchiveEntry(file);
            Files.copy(path, tar);
            tar.closeArchiveEntry();
        }
    }

    private boolean excluded(Path sourceRoot, Path child) {
        Path relative = sourceRoot.relativize(child);
        String fileName = child.getFileName().toString();
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
            if (fileName.equals(".git") || child.equals(buildDirectory)
                    || (relative.getNameCount() == 1 && fileName.equals("target"))) {
                return true;
            }
        }
        return excludes.stream().anyMatch(matcher -> matcher.matches(relative));
    }

    private void putDirectory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry directory = new TarArchiveEntry(name + "/");
        directory.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        rootOwned(directory);
        timeless(directory);
        tar.putArchiveEntry(directory);
        tar.closeArchiveEntry();
    }

    /** A new entry's time is now: left out unless times are kept. */
    private void timeless(TarArchiveEntry entry) {
        if (!keepTimes) {
            entry.setModTime(FileTime.fromMillis(0));
        }
    }

    private static void rootOwned(TarArchiveEntry entry) {
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
    }

    private static int mode(Path path) throws IOException {
        return PosixModes.toMode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
