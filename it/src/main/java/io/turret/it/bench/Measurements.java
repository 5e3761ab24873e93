package io.turret.it.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The measured releases, and the medians, ratios and peaks that results.md is made of. */
record Measurements(List<Measurement> all) {

    /** Whether any release of the scenario was measured, whether or not it succeeded. */
    boolean ran(Scenario scenario) {
        return all.stream().anyMatch(m -> m.scenario() == scenario);
    }

    boolean ran(Contender contender) {
        return all.stream().anyMatch(m -> m.contender() == contender);
    }

    List<Measurement> succeeded(Contender contender, Scenario scenario) {
        return all.stream().filter(m -> m.succeeded() && m.contender() == contender && m.scenario() == scenario).toList();
    }

    /** The median over the contender's successful releases of the scenario; empty when there is none. */
    Optional<Double> median(Contender contender, Scenario scenario, ToDoubleFunction<Measurement> value) {
        List<Measurement> releases = succeeded(contender, scenario);
        return releases.isEmpty() ? Optional.empty() : Optional.of(median(releases.stream().map(value::applyAsDouble).toList()));
    }

    /** The contender's median wall time over the script's. */
    Optional<Double> ratioToScript(Contender contender, Scenario scenario) {
        return ratio(contender, Contender.SCRIPT, scenario);
    }

    /** The contender's median wall time over the other's. */
    Optional<Double> ratio(Contender contender, Contender other, Scenario scenario) {
        return median(contender, scenario, Measurement::seconds)
                .flatMap(mine -> median(other, scenario, Measurement::seconds).map(theirs -> mine / theirs));
    }

    /** The highest peak memory of the contender's successful releases of the scenario, in whole MiB. */
    Optional<Long> peakMemoryMiB(Contender contender, Scenario scenario) {
        return succeeded(contender, scenario).stream().map(m -> m.peakMemoryBytes() >> 20).max(Long::compare);
    }

    /** Turret's median seconds per stage in the scenario, in the order of a release; stages it never logged left out. */
    Map<String, Double> turretStages(Scenario scenario) {
        List<Measurement> releases = succeeded(Contender.TURRET, scenario);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String stage : TurretStages.NAMES) {
            List<Double> times = releases.stream().map(m -> m.stages().get(stage)).filter(t -> t != null).toList();
            if (!times.isEmpty()) {
                medians.put(stage, median(times));
            }
        }
        return medians;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
