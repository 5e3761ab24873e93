package io.turret.docker;

import java.io.InputStream;
import java.util.Optional;

/**
 * How an image the engine lacks gets into it: {@link DockerJavaAccess#pullImage} hands the
 * reference to its source, which fetches the image and has the engine load and name it, or asks
 * the engine to pull it.
 */
@FunctionalInterface
public interface ImageSource {
    /** The engine's own pull, with the credential of the image's registry. */
    ImageSource ENGINE = (reference, engine) -> engine.pull(reference);

    /** Puts the image {@code reference} into the engine through {@code engine}. */
    void fetch(String reference, Engine engine);

    /** What a source may ask of the engine. */
    interface Engine {
        /** The image's id, size and layers as the engine has them; empty when it does not have it. */
        Optional<EngineImage> inspectImage(String reference);

        /** Loads a {@code docker save} archive. */
        void loadImage(InputStream archive);

        /** Gives the image {@code imageId} the name {@code reference}. */
        void tagImage(String imageId, String reference);

        /** The engine's own pull of {@code reference}, with the credential of its registry. */
        void pull(String reference);
    }
}
