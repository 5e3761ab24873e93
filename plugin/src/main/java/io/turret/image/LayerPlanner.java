package io.turret.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.files.ConfinedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a service's {@code <layers>} into jib layers: project files first and build outputs last
 * (what changes least goes lowest, so an image that changes reuses more layers), each in the
 * order written. Entries get fixed modes (the given one, else 755 for folders and files the owner
 * may execute, 644 for the rest); jib fixes their owners and times and sorts them.
 *
 * <p>A layer reads nothing outside its folder (the builder's output, or the project). jib-core
 * cannot put a link in an image: it reads whatever a path leads to. So every entry handed to jib is
 * a real path with no link on the way, and a link is replaced by the file it leads to, when that
 * file is in the same folder; a link leading out of it, to a folder, to nothing, or in a loop, fails
 * naming the link.
 */
public final class LayerPlanner {
    private static final FilePermissions FOLDER = FilePermissions.fromOctalString("755");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions PLAIN = FilePermissions.fromOctalString("644");

    private final Function<LayerSpec, Path> roots;
    private final Path projectDirectory;

    /**
     * @param roots the folder each layer's {@code <path>} is relative to, and that it may not leave
     * @param projectDirectory what messages name paths relative to
     */
    public LayerPlanner(Function<LayerSpec, Path> roots, Path projectDirectory) {
        this.roots = roots;
        this.projectDirectory = projectDirectory;
    }

    public List<FileEntriesLayer> plan(ServiceSpec service) {
        return service.layers().stream()
                .sorted(Comparator.comparing(LayerSpec::fromBuildOutput))
                .map(layer -> layer(service, layer))
                .toList();
    }

    /** The files the service's layers take from the project folder (not from builders), or none when they are wrong. */
    public List<Path> projectFiles(ServiceSpec service) {
        try {
            return service.layers().stream().filter(layer -> !layer.fromBuildOutput())
                    .flatMap(layer -> layer(service, layer).getEntries().stream()).map(FileEntry::getSourceFile)
                    .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (UserFailure | EnvironmentFailure wrong) {
            return List.of(); // told when the service is assembled
        }
    }

    private FileEntriesLayer layer(ServiceSpec service, LayerSpec layer) {
        Path root = roots.apply(layer);
        Path named = root.resolve(layer.path()).normalize();
        String where = ServiceSpec.where(service.name()) + "<layer> " + layer.name() + ": ";
        FileEntriesLayer.Builder entries = FileEntriesLayer.builder().setName(layer.name());
        try {
            if (!Files.isDirectory(root)) {
                throw missing(layer, where, named);
            }
            Sources sources = new Sources(new ConfinedFolder(root), where, projectDirectory.relativize(root),
                    layer.fromBuildOutput() ? projectDirectory.relativize(root).toString() : "the project folder");
            Path source = sources.follow(sources.folder.root(), layer.path().isEmpty() ? "." : layer.path(),
                    "<path>" + layer.path() + "</path>");
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                String into = layer.into().endsWith("/") ? layer.into() + named.getFileName() : layer.into();
                entries.addEntry(source, AbsoluteUnixPath.get(into), mode(source, layer));
            } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                AbsoluteUnixPath into = AbsoluteUnixPath.get(layer.into());
                entries.addEntry(source, into, FOLDER);
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path path : tree.filter(path -> !path.equals(source)).sorted().toList()) {
                        Path file = sources.entry(path);
                        entries.addEntry(file, into.resolve(source.relativize(path).toString()),
                                Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? FOLDER : mode(file, layer));
                    }
                }
            } else if (Files.notExists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw missing(layer, where, named);
            } else {
                throw new UserFailure(where + projectDirectory.relativize(named) + " is a pipe, a device or another"
                        + " special file; a layer takes folders and files.");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentFailure(where + "cannot read " + named + ": " + Causes.describe(e), e);
        }
        return entries.build();
    }

    private UserFailure missing(LayerSpec layer, String where, Path named) {
        String hint = layer.fromBuildOutput()
                ? "run turret:build first (mvn turret:build turret:assemble), or fix <path> to name one of the builder's outputs."
                : "fix <path>: it is relative to the project folder.";
        return new UserFailure(where + projectDirectory.relativize(named) + " does not exist; " + hint);
    }

    private static FilePermissions mode(Path file, LayerSpec layer) {
        if (layer.mode() != null) {
            return FilePermissions.fromOctalString(String.format("%03o", layer.mode()));
        }
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE)
                    ? EXECUTABLE : PLAIN;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read the mode of " + file + ": " + Causes.describe(e), e);
        }
    }

    /** The files of one layer's folder, each as a path jib may read without following a link. */
    private record Sources(ConfinedFolder folder, String where, Path shownRoot, String rootName) {
        /** What jib reads for a path of the walk: the path itself, or the file a link leads to. */
        Path entry(Path path) throws IOException {
            if (!Files.isSymbolicLink(path)) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(path, "is a pipe, a device or another special file; a layer takes folders and files");
                }
                return path;
            }
            String link = Files.readSymbolicLink(path).toString();
            Path target = follow(path.getParent(), link, shownRoot.resolve(folder.root().relativize(path)) + ", a link to " + link + ",");
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(path, "is a link to the folder " + link + "; an image cannot hold links (jib-core writes"
                        + " none) and Turret copies only linked files: make the builder copy the folder (cp -r) instead");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(path, "is a link to " + link + ", which is not a file of " + rootName);
            }
            return target;
        }

        Path follow(Path from, String path, String shown) throws IOException {
            try {
                return folder.resolve(from, path);
            } catch (ConfinedFolder.Escape escape) {
                throw new UserFailure(where + shown + " " + escape.getMessage().replace(folder.root().toString(), rootName)
                        + "; a layer reads nothing outside " + rootName + ": make the link stay inside it, or put a copy there.");
            }
        }

        private UserFailure refused(Path path, String why) {
            return new UserFailure(where + shownRoot.resolve(folder.root().relativize(path)) + " " + why + ".");
        }
    }
}
