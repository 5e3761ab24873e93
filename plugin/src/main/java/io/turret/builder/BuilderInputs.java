package io.turret.builder;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.reuse.Fingerprint;
import io.turret.tar.SourceArchive;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The key of what a builder's outputs depend on: its sources after excludes (names, modes, links
 * and content; never times), the image's id, and every setting of the builder but its name and
 * timeout. The caches' content is not an input: a cache must not change what a script makes.
 */
public final class BuilderInputs {
    private static final String FORMAT = "turret-builder-outputs-1";

    private BuilderInputs() {
    }

    /** @param imageId the id of the builder's image in the engine */
    public static String key(Script builder, Digest imageId, Path projectDirectory, Path buildDirectory) {
        return new Fingerprint(FORMAT)
                .add("imageId", imageId.toString())
                .add("sources", sources(builder, projectDirectory, buildDirectory).toString())
                .add("workingDirectory", builder.workingDirectory())
                .add("script", builder.script())
                .add("environment", builder.environment())
                .add("outputs", builder.outputs())
                .add("caches", builder.caches())
                .add("network", builder.network())
                .key();
    }

    private static Digest sources(Script builder, Path projectDirectory, Path buildDirectory) {
        try (Fingerprint.Sink sink = Fingerprint.sink()) {
            new SourceArchive(projectDirectory, buildDirectory, builder.excludes()).withoutTimes()
                    .write(builder.sources(), builder.workingDirectory(), sink);
            return sink.digest();
        } catch (IOException e) {
            throw new EnvironmentFailure("<" + builder.element() + "> '" + builder.name() + "': cannot read its sources: "
                    + Causes.describe(e), e);
        }
    }
}
