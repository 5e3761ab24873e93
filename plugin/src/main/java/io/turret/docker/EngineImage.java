package io.turret.docker;

import java.util.List;

/** An image as the engine has it: its id ({@code sha256:...}), size in bytes, and its layers' diff ids. */
public record EngineImage(String id, long size, List<String> diffIds) {
    public EngineImage {
        diffIds = List.copyOf(diffIds);
    }
}
