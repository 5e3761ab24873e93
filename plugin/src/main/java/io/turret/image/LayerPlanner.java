package io.turret.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a service's {@code <layers>} into jib layers: project files first and build outputs last
 * (what changes least goes lowest, so an image that changes reuses more layers), each in the
 * order written. Links are followed. Entries get fixed modes (the given one, else 755 for folders and files the owner
 * may execute, 644 for the rest); jib fixes their owners and times and sorts them.
 */
public final class LayerPlanner {
    private static final FilePermissions FOLDER = FilePermissions.fromOctalString("755");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions PLAIN = FilePermissions.fromOctalString("644");

    private final Function<LayerSpec, Path> sources;
    private final Path projectDirectory;

    /**
     * @param sources where each layer takes its files from
     * @param projectDirectory what messages name paths relative to
     */
    public LayerPlanner(Function<LayerSpec, Path> sources, Path projectDirectory) {
        this.sources = sources;
        this.projectDirectory = projectDirectory;
    }

    public List<FileEntriesLayer> plan(ServiceSpec service) {
        return service.layers().stream()
                .sorted(Comparator.comparing(LayerSpec::fromBuildOutput))
                .map(layer -> layer(service, layer))
                .toList();
    }

    private FileEntriesLayer layer(ServiceSpec service, LayerSpec layer) {
        Path source = sources.apply(layer);
        FileEntriesLayer.Builder entries = FileEntriesLayer.builder().setName(layer.name());
        if (Files.isRegularFile(source)) {
            String into = layer.into().endsWith("/") ? layer.into() + source.getFileName() : layer.into();
            entries.addEntry(source, AbsoluteUnixPath.get(into), mode(source, layer));
        } else if (Files.isDirectory(source)) {
            AbsoluteUnixPath into = AbsoluteUnixPath.get(layer.into());
            entries.addEntry(source, into, FOLDER);
            try (Stream<Path> tree = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
                tree.filter(path -> !path.equals(source)).sorted().forEach(path -> entries.addEntry(path,
                        into.resolve(source.relativize(path).toString()),
                        Files.isDirectory(path) ? FOLDER : mode(path, layer)));
            } catch (IOException | UncheckedIOException e) {
                throw new EnvironmentFailure(ServiceSpec.where(service.name()) + "cannot read " + source + ": " + e.getMessage(), e);
            }
        } else {
            String hint = layer.fromBuildOutput()
                    ? "run turret:build first (mvn turret:build turret:assemble), or fix <path> to name one of the builder's outputs."
                    : "fix <path>: it is relative to the project folder.";
            throw new UserFailure(ServiceSpec.where(service.name()) + "<layer> " + layer.name() + ": "
                    + projectDirectory.relativize(source) + " does not exist; " + hint);
        }
        return entries.build();
    }

    private static FilePermissions mode(Path file, LayerSpec layer) {
        if (layer.mode() != null) {
            return FilePermissions.fromOctalString(String.format("%03o", layer.mode()));
        }
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE) ? EXECUTABLE : PLAIN;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read the mode of " + file + ": " + e.getMessage(), e);
        }
    }
}
