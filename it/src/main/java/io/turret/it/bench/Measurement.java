package io.turret.it.bench;

import java.nio.file.Path;
import java.util.Map;

/** One measured release: a contender in a scenario, in one repetition. */
record Measurement(Contender contender, Scenario scenario, int repetition, boolean succeeded, double seconds,
        Uploads uploads, long peakMemoryBytes, Map<String, Double> stages, Path log) {
}
