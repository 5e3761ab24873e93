package io.turret.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What to run, from system properties: {@code bench.quick} (the cold scenario once: the CI check),
 * {@code bench.repetitions} (3), {@code bench.scenarios} (names of {@link Scenario}, comma separated:
 * all), {@code bench.contenders} (names of {@link Contender}: the script, fabric8's and Turret),
 * {@code bench.turretBefore} (the local repository of another build of Turret: a fourth contender),
 * {@code bench.beforeSample} (the sample-project folder of that build: its lane releases it, since a
 * plugin cannot read a later sample's pom), {@code bench.output} (where results.md and ratios.png go),
 * {@code bench.note} (a line under the title, e.g. that the machine was busy).
 */
record BenchOptions(boolean quick, int repetitions, List<Scenario> scenarios, List<Contender> contenders, Path benchDirectory,
        Path workDirectory, Path outputDirectory, Optional<String> localRepository, Optional<Path> turretBefore,
        Optional<String> note, Optional<Path> beforeSample) {

    private static final String THREE = "SCRIPT,FABRIC8,TURRET";

    static BenchOptions fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        Path bench = Path.of(System.getProperty("bench.dir", "../bench")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("bench.workdir", "target/bench")).toAbsolutePath().normalize();
        List<Scenario> scenarios = quick ? List.of(Scenario.COLD)
                : names(System.getProperty("bench.scenarios", allScenarios())).stream().map(Scenario::valueOf).toList();
        int repetitions = quick ? 1 : Integer.getInteger("bench.repetitions", 3);
        Path output = Path.of(System.getProperty("bench.output", quick ? work.toString() : bench.toString()));
        Optional<Path> before = Optional.ofNullable(System.getProperty("bench.turretBefore")).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize());
        return new BenchOptions(quick, repetitions, scenarios, contenders(System.getProperty("bench.contenders", THREE), before),
                bench, work, output.toAbsolutePath().normalize(),
                Optional.ofNullable(System.getProperty("bench.repo.local")).filter(s -> !s.isBlank()), before,
                Optional.ofNullable(System.getProperty("bench.note")).filter(s -> !s.isBlank()),
                Optional.ofNullable(System.getProperty("bench.beforeSample")).filter(s -> !s.isBlank())
                        .map(s -> Path.of(s).toAbsolutePath().normalize()));
    }

    /** The contenders named, and Turret's build before the change when its repository is given. */
    static List<Contender> contenders(String names, Optional<Path> turretBefore) {
        List<Contender> contenders = new ArrayList<>(names(names).stream().map(Contender::valueOf).distinct().toList());
        if (contenders.remove(Contender.TURRET_BEFORE) && turretBefore.isEmpty()) {
            throw new IllegalArgumentException("TURRET_BEFORE runs with -Dbench.turretBefore=<the local repository of that build>");
        }
        turretBefore.ifPresent(repository -> contenders.add(Contender.TURRET_BEFORE));
        return List.copyOf(contenders);
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String allScenarios() {
        return String.join(",", Arrays.stream(Scenario.values()).map(Enum::name).toList());
    }
}
