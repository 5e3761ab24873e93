package io.turret.goal;

import java.nio.file.Path;

/**
 * Where a goal reads the project and writes what it makes: everything under {@code target/turret/}.
 * The JSON files are records for people and for later goals; a run never reads back one it wrote.
 *
 * @param buildDirectory the project's {@code target}
 */
public record Workspace(Path projectDirectory, Path buildDirectory) {
    public Path turret() {
        return buildDirectory.resolve("turret");
    }

    /** What turret:assemble made, read by later goals. */
    public Path imagesJson() {
        return turret().resolve("images.json");
    }

    /** The image ids the integration tests passed against, read by a later turret:push. */
    public Path testedJson() {
        return turret().resolve("tested.json");
    }

    public Path releaseJson() {
        return turret().resolve("release.json");
    }

    public Path promotionJson() {
        return turret().resolve("promotion.json");
    }

    /** The scratch folders of this project's runs. */
    public Path scratch() {
        return turret().resolve("tmp");
    }

    /** {@code path} as a person reads it: relative to the project. */
    public Path shown(Path path) {
        return projectDirectory.relativize(path);
    }
}
