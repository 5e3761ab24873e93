package io.turret.it.bench;

import io.turret.it.host.DebianPackages;
import io.turret.it.images.SampleBaseImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark of issue 14: the team's script, fabric8's docker-maven-plugin and
 * {@code turret:release} release copies of the sample into registry stacks of their own, scenario
 * by scenario, interleaved (the contenders' order rotates with each repetition). Writes
 * results.md and ratios.png.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        say("Scenarios " + options.scenarios() + ", " + options.repetitions() + " repetition(s); work in "
                + options.workDirectory());
        List<String> machine = MachineFacts.describe();
        List<Measurement> measurements = run(options);
        Path results = Results.write(options, machine, measurements);
        say("Results: " + results);
        long failed = measurements.stream().filter(m -> !m.succeeded()).count();
        if (failed > 0) {
            say(failed + " release(s) failed; their logs are named in " + results);
            System.exit(1);
        }
    }

    /** Runs every scenario of every repetition; a failed release is recorded and the series goes on. */
    static List<Measurement> run(BenchOptions options) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        DebianPackages.ensureCommands(List.of("curl")); // the script waits for HTTP health with it
        Files.createDirectories(options.workDirectory());
        List<Measurement> measurements = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        for (Contender contender : options.contenders()) {
            lanes.add(new Lane(contender, options));
        }
        try {
            for (int repetition = 1; repetition <= options.repetitions(); repetition++) {
                List<Lane> order = rotated(lanes, repetition - 1);
                say("Repetition " + repetition + ": " + order.stream().map(l -> l.contender().title()).toList());
                for (Lane lane : order) {
                    lane.startCold(options.quick());
                    if (repetition == 1) {
                        lane.resolvePlugins();
                    }
                }
                for (Scenario scenario : options.scenarios()) {
                    for (Lane lane : order) {
                        if (scenario.runsWith(lane.contender())) {
                            measurements.add(runScenario(lane, scenario, repetition));
                        }
                    }
                }
            }
        } finally {
            lanes.forEach(Lane::close);
        }
        return measurements;
    }

    private static Measurement runScenario(Lane lane, Scenario scenario, int repetition) throws Exception {
        lane.reshape(scenario.shape());
        if (scenario != Scenario.COLD && !lane.released()) {
            say("  warm-up (the scenario needs an earlier release): " + describe(Release.measure(lane, scenario, repetition)));
        } else if (scenario != Scenario.COLD && scenario.layerBytes() == 0 && !lane.releasedAs(scenario)) {
            // a layer's scenario releases once with its layer anyway
            say("  warm-up (the scenario needs an earlier release of its shape, %s, %s): ".formatted(scenario.shape(),
                    scenario.platforms().isEmpty() ? "the engine's platform" : scenario.platforms())
                    + describe(Release.measure(lane, scenario, repetition)));
        }
        switch (scenario) {
            case COLD, NO_CHANGE -> {
            }
            case GO_CHANGE, TWO_PLATFORMS_GO_CHANGE, LARGE_TREE -> lane.changeGo();
            case MANY_SERVICES -> lane.changeGeneratedService();
            case PYTHON_CHANGE -> lane.changePython();
            case LAYER_10M, LAYER_200M, LAYER_1G -> {
                lane.setLayer(scenario.layerBytes());
                Measurement warmUp = Release.measure(lane, scenario, repetition);
                say("  warm-up with the new layer: " + describe(warmUp));
            }
        }
        Measurement measurement = Release.measure(lane, scenario, repetition);
        say(scenario.title() + ", " + lane.contender().title() + ": " + describe(measurement));
        return measurement;
    }

    private static String describe(Measurement m) {
        return m.succeeded() ? "%.1f s, %d blobs %.1f MiB up, %d mounts, peak %d MiB".formatted(m.seconds(),
                m.uploads().blobs(), m.uploads().bytes() / 1048576.0, m.uploads().mounts(), m.peakMemoryBytes() >> 20)
                : "FAILED after %.1f s, see %s".formatted(m.seconds(), m.log());
    }

    private static <T> List<T> rotated(List<T> items, int by) {
        List<T> rotated = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rotated.add(items.get((i + by) % items.size()));
        }
        return rotated;
    }

    static void say(String line) {
        System.out.println("[turret-bench] " + line);
    }
}
