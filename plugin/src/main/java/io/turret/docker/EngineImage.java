package io.turret.docker;

import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * An image as the engine has it: its id, size in bytes, its layers' diff ids, bottom first, and the
 * platform its config names (empty when the engine does not say).
 */
public record EngineImage(Digest id, long size, List<Digest> diffIds, Optional<Platform> platform) {
    public EngineImage {
        diffIds = List.copyOf(diffIds);
    }

    public EngineImage(Digest id, long size, List<Digest> diffIds) {
        this(id, size, diffIds, Optional.empty());
    }

    /** The image as the engine describes it: its id and diff ids are read here, and one that is not a digest refused. */
    public EngineImage(String id, long size, List<String> diffIds) {
        this(id, size, diffIds, Optional.empty());
    }

    /** @param platform the platform the engine says the image is of */
    public EngineImage(String id, long size, List<String> diffIds, Optional<Platform> platform) {
        this(Digest.parse(id, "The Docker engine gave an image the id"), size, diffIds.stream()
                .map(diffId -> Digest.parse(diffId, "The Docker engine gave the image " + id + " a layer")).toList(), platform);
    }

    /** Whether the image is of {@code wanted}'s operating system and architecture; {@code unknown} when the engine did not say. */
    public boolean isOf(Platform wanted, boolean unknown) {
        return platform.map(of -> of.os().equals(wanted.os()) && of.architecture().equals(wanted.architecture())).orElse(unknown);
    }
}
