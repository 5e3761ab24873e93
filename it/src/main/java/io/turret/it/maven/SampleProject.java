package io.turret.it.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A fresh copy of sample-project for a test to run and change, leaving the repository's alone. */
public final class SampleProject {
    private SampleProject() {
    }

    public static Path source() {
        return Path.of(System.getProperty("turret.it.sample", "../sample-project")).toAbsolutePath().normalize();
    }

    /** Copies sample-project (without its target folder) into {@code destination}. */
    public static Path copyTo(Path destination) throws IOException {
        return copy(source(), destination);
    }

    /** Copies the sample-project folder {@code source} (another build's, say), without its target folder. */
    public static Path copy(Path source, Path destination) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
                Path target = destination.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return destination;
    }
}
