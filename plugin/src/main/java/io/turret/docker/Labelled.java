package io.turret.docker;

import java.time.Instant;
import java.util.Map;

/** A container or network as the engine lists it: its id, its labels and when it was made. */
public record Labelled(String id, Map<String, String> labels, Instant created) {
    public Labelled {
        labels = Map.copyOf(labels);
    }
}
