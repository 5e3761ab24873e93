package io.turret.builder;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.Fingerprint;
import io.turret.reuse.HashCache;
import io.turret.tar.SourceArchive;
import io.turret.tar.SourceEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The key of what a builder's outputs depend on: its sources after excludes (names, modes, links
 * and the content keys of files; never times), the image's id, and every setting of the builder but its name and
 * timeout. The caches' content is not an input: a cache must not change what a script makes.
 */
public final class BuilderInputs {
    private static final String FORMAT = "turret-builder-outputs-2";

    private BuilderInputs() {
    }

    /**
     * @param imageId the id of the builder's image in the engine
     * @param files the content keys of the sources' files: a file unchanged since a run hashed it is not read again
     */
    public static String key(Script builder, Digest imageId, Path projectDirectory, Path buildDirectory, ContentKeys files) {
        Fingerprint key = new Fingerprint(FORMAT)
                .add("imageId", imageId.toString())
                .add("workingDirectory", builder.workingDirectory())
                .add("script", builder.script())
                .add("environment", builder.environment())
                .add("outputs", builder.outputs())
                .add("caches", builder.caches())
                .add("network", builder.network());
        try {
            for (SourceEntry entry : new SourceArchive(projectDirectory, buildDirectory, builder.excludes()).entries(builder.sources())) {
                String content = switch (entry.type()) {
                    case FILE -> files.of(entry.file());
                    case LINK -> entry.linkTarget();
                    case DIRECTORY -> "";
                };
                key.add("source", List.of(entry.type().name(), entry.path(), Integer.toOctalString(entry.mode()), content));
            }
        } catch (IOException e) {
            throw new EnvironmentFailure("<" + builder.element() + "> '" + builder.name() + "': cannot read its sources: "
                    + Causes.describe(e), e);
        }
        return key.key();
    }

    /**
     * The content keys of a project's builder and runner sources, kept between runs in
     * {@code target/turret/source-hashes} ({@link HashCache}); closing them keeps what was hashed.
     */
    public static ContentKeys sourceHashes(BuildSettings settings, Log log) {
        return new ContentKeys(HashCache.load(settings.turretDirectory().resolve("source-hashes"), log));
    }
}
