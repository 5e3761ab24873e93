package io.turret.docker;

import io.turret.oci.Digest;
import java.util.List;

/** An image as the engine has it: its id, size in bytes, and its layers' diff ids, bottom first. */
public record EngineImage(Digest id, long size, List<Digest> diffIds) {
    public EngineImage {
        diffIds = List.copyOf(diffIds);
    }

    /** The image as the engine describes it: its id and diff ids are read here, and one that is not a digest refused. */
    public EngineImage(String id, long size, List<String> diffIds) {
        this(Digest.parse(id, "The Docker engine gave an image the id"), size, diffIds.stream()
                .map(diffId -> Digest.parse(diffId, "The Docker engine gave the image " + id + " a layer")).toList());
    }
}
