package io.turret.builder;

import io.turret.failure.UserFailure;
import io.turret.platform.PlatformChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code turret:build} needs, checked against the project: every source folder
 * exists, builder names are unique.
 *
 * @param turretDirectory {@code target/turret}: outputs go to {@code build/NAME/}, logs and reports beside
 * @param buildDirectory the project's {@code target}, which never goes into a builder
 * @param platforms the platforms each builder runs for, resolved against the engine when the goal runs
 */
public record BuildSettings(String project, Path projectDirectory, Path buildDirectory, Path turretDirectory,
        int threads, List<BuilderSpec> builders, PlatformChoice platforms) {

    /** Builds for the engine's own platform. */
    public BuildSettings(String project, Path projectDirectory, Path buildDirectory, Path turretDirectory, int threads,
            List<BuilderSpec> builders) {
        this(project, projectDirectory, buildDirectory, turretDirectory, threads, builders, PlatformChoice.DEFAULT);
    }

    public BuildSettings {
        builders = List.copyOf(builders);
        Objects.requireNonNull(platforms, "platforms");
        if (threads < 1) {
            throw new UserFailure("<threads>" + threads + "</threads> (turret.threads) must be at least 1.");
        }
        Set<String> names = new HashSet<>();
        for (BuilderSpec builder : builders) {
            if (!names.add(builder.name())) {
                throw new UserFailure("Two builders are named '" + builder.name() + "'; give each <builder> its own <name>.");
            }
            for (String source : builder.sources()) {
                if (!Files.isDirectory(projectDirectory.resolve(source))) {
                    throw new UserFailure("<builder> '" + builder.name() + "': the source folder <source>" + source
                            + "</source> does not exist in " + projectDirectory + "; create it or fix the path.");
                }
            }
        }
    }

    /** The builder of that name; the error names {@code where} it was referenced and the builders there are. */
    public BuilderSpec builder(String name, String where) {
        Optional<BuilderSpec> found = builders.stream().filter(builder -> builder.name().equals(name)).findFirst();
        return found.orElseThrow(() -> new UserFailure(where + " refers to the builder '" + name + "', which is not one of"
                + " the <builders> " + builders.stream().map(BuilderSpec::name).toList() + "; add it or fix the name."));
    }

    /** {@code build/NAME/}; of one of several platforms' runs, {@code build/NAME.OS-ARCH/} ({@link BuilderSpec#forPlatform}). */
    public Path outputDirectory(BuilderSpec builder) {
        return turretDirectory.resolve("build").resolve(builder.name());
    }

    public Path logs() {
        return turretDirectory.resolve("logs");
    }

    public Path reports() {
        return turretDirectory.resolve("reports");
    }
}
