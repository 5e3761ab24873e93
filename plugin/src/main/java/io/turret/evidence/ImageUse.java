package io.turret.evidence;

import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.oci.Digest;
import java.util.Optional;

/**
 * An image a release used (a builder's, a runner's, a test container's), as the pom names it and by
 * the id the engine ran; the id is unknown where no engine was asked (turret:push alone).
 *
 * @param script the builder's or runner's script; empty for a test container
 */
public record ImageUse(String name, String image, Optional<Digest> imageId, Optional<String> script) {

    /** The use of {@code image}, its id asked of {@code engine}. */
    public static ImageUse of(DockerAccess engine, String name, String image, Optional<String> script) {
        Optional<Digest> id;
        try {
            id = engine.inspectImage(image).map(EngineImage::id);
        } catch (RuntimeException e) {
            id = Optional.empty(); // the evidence says it is unknown; it never fails a release
        }
        return new ImageUse(name, image, id, script);
    }
}
