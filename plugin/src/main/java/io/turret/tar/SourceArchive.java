package io.turret.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
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
            walkAll(sources, containerDirectory, new Visitor() {
                @Override
                public void directory(String name, int mode) throws IOException {
                    putDirectory(tar, name, mode, keepTimes);
                }

                @Override
                public void file(String name, Path path, int mode, long size) throws IOException {
                    putFile(tar, name, path, mode, size, keepTimes);
                }

                @Override
                public void link(String name, String target) throws IOException {
                    putLink(tar, name, target, keepTimes);
                }
            });
            tar.finish();
        }
    }

    /**
     * The entries {@link #write} would write with an empty {@code containerDirectory}, in its order, their paths
     * relative to the working directory.
     */
    public List<SourceEntry> entries(List<String> sources) throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        walkAll(sources, "", new Visitor() {
            @Override
            public void directory(String name, int mode) {
                entries.add(new SourceEntry(name, SourceEntry.Type.DIRECTORY, mode, 0, "", null));
            }

            @Override
            public void file(String name, Path path, int mode, long size) {
                entries.add(new SourceEntry(name, SourceEntry.Type.FILE, mode, size, "", path));
            }

            @Override
            public void link(String name, String target) {
                entries.add(new SourceEntry(name, SourceEntry.Type.LINK, 0777, 0, target, null));
            }
        });
        return entries;
    }

    /**
     * Writes {@code entries} (from {@link #entries}) under {@code containerDirectory}, as {@link #write} writes
     * them: owned by root, modes, links and files' times kept. The folder itself comes first, mode 0755.
     */
    public static void writeEntries(List<SourceEntry> entries, String containerDirectory, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Path base = Path.of(containerDirectory.replaceAll("^/+", "").replaceAll("/+$", ""));
            putDirectory(tar, base.toString(), 0755, true);
            for (SourceEntry entry : entries) {
                String name = base.resolve(entry.path()).toString();
                switch (entry.type()) {
                    case DIRECTORY -> putDirectory(tar, name, entry.mode(), true);
                    case FILE -> putFile(tar, name, entry.file(), entry.mode(), entry.size(), true);
                    case LINK -> putLink(tar, name, entry.linkTarget(), true);
                    default -> throw new IllegalStateException(entry.type().toString());
                }
            }
            tar.finish();
        }
    }

    /** What a walk finds, in the archive's order. */
    private interface Visitor {
        void directory(String name, int mode) throws IOException;

        void file(String name, Path path, int mode, long size) throws IOException;

        void link(String name, String target) throws IOException;
    }

    private void walkAll(List<String> sources, String containerDirectory, Visitor visitor) throws IOException {
        String prefix = containerDirectory.replaceAll("^/+", "").replaceAll("/+$", "");
        Path base = Path.of("");
        int baseDepth = 0;
        if (!prefix.isEmpty()) {
            baseDepth = Path.of(prefix).getNameCount();
            for (Path part : Path.of(prefix)) {
                base = base.resolve(part);
                visitor.directory(base.toString(), 0755);
            }
        }
        for (String source : sources.stream().sorted().toList()) {
            Path folder = projectDirectory.resolve(source).normalize();
            Path inArchive = base.resolve(projectDirectory.relativize(folder));
            for (int i = baseDepth + 1; i < inArchive.getNameCount(); i++) {
                visitor.directory(inArchive.subpath(0, i).toString(), 0755);
            }
            walk(visitor, folder, folder, inArchive);
        }
    }

    private void walk(Visitor visitor, Path sourceRoot, Path path, Path inArchive) throws IOException {
        Path relative = sourceRoot.relativize(path);
        String name = inArchive.resolve(relative).toString();
        if (Files.isSymbolicLink(path)) {
            visitor.link(name, Files.readSymbolicLink(path).toString());
            return;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            visitor.file(name, path, mode(path), Files.size(path));
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!name.isEmpty()) { // empty: the working directory itself (a source "." without one), of which only the content goes
            visitor.directory(name, mode(path));
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(path)) {
            children = list.filter(child -> !excluded(sourceRoot, child)).sorted().toList();
        }
        for (Path child : children) {
            walk(visitor, sourceRoot, child, inArchive);
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

    private static void putDirectory(TarArchiveOutputStream tar, String name, int mode, boolean keepTimes) throws IOException {
        TarArchiveEntry directory = new TarArchiveEntry(name + "/");
        directory.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        rootOwned(directory);
        if (!keepTimes) {
            directory.setModTime(FileTime.fromMillis(0)); // a new entry's time is now
        }
        tar.putArchiveEntry(directory);
        tar.closeArchiveEntry();
    }

    private static void putLink(TarArchiveOutputStream tar, String name, String target, boolean keepTimes) throws IOException {
        TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(target);
        rootOwned(link);
        if (!keepTimes) {
            link.setModTime(FileTime.fromMillis(0)); // a new entry's time is now
        }
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
    }

    private static void putFile(TarArchiveOutputStream tar, String name, Path path, int mode, long size, boolean keepTimes)
            throws IOException {
        TarArchiveEntry file = new TarArchiveEntry(name);
        file.setSize(size);
        file.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        file.setModTime(keepTimes ? Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS) : FileTime.fromMillis(0));
        rootOwned(file);
        tar.putArchiveEntry(file);
        Files.copy(path, tar);
        tar.closeArchiveEntry();
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
