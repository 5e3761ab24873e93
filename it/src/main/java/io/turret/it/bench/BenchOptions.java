package io.turret.it.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to run, from system properties: {@code bench.quick} (the cold scenario once: the CI check),
 * {@code bench.repetitions} (3), {@code bench.scenarios} (names of {@link Scenario}, comma separated:
 * all), {@code bench.output} (where results.md and ratios.png go), {@code bench.note} (a line under
 * the title, e.g. that the machine was busy).
 */
record BenchOptions(boolean quick, int repetitions, List<Scenario> scenarios, Path benchDirectory, Path workDirectory,
        Path outputDirectory, Optional<String> localRepository, Optional<String> note) {

    static BenchOptions fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        Path bench = Path.of(System.getProperty("bench.dir", "../bench")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("bench.workdir", "target/bench")).toAbsolutePath().normalize();
        List<Scenario> scenarios = quick ? List.of(Scenario.COLD)
                : Arrays.stream(System.getProperty("bench.scenarios", allScenarios()).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(Scenario::valueOf).toList();
        int repetitions = quick ? 1 : Integer.getInteger("bench.repetitions", 3);
        Path output = Path.of(System.getProperty("bench.output", quick ? work.toString() : bench.toString()));
        return new BenchOptions(quick, repetitions, scenarios, bench, work, output.toAbsolutePath().normalize(),
                Optional.ofNullable(System.getProperty("bench.repo.local")).filter(s -> !s.isBlank()),
                Optional.ofNullable(System.getProperty("bench.note")).filter(s -> !s.isBlank()));
    }

    private static String allScenarios() {
        return String.join(",", Arrays.stream(Scenario.values()).map(Enum::name).toList());
    }
}
