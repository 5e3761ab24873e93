package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsTest {
    private static final BenchOptions OPTIONS = new BenchOptions(false, 3, List.of(Scenario.COLD, Scenario.NO_CHANGE),
            Path.of("bench"), Path.of("target/bench"), Path.of("target/bench"), Optional.empty(), Optional.of("measured under load"));

    private static Measurement run(Contender contender, Scenario scenario, boolean succeeded, double seconds) {
        return new Measurement(contender, scenario, 1, succeeded, seconds, new Uploads(11, 3L << 20, 0, 4), 300L << 20,
                Map.of("builders", 2.0), Path.of("log"));
    }

    @Test
    void mediansMinMaxAndRatiosToTheScript() {
        List<Measurement> measurements = new ArrayList<>();
        for (double seconds : List.of(10.0, 12.0, 11.0)) {
            measurements.add(run(Contender.SCRIPT, Scenario.COLD, true, seconds));
            measurements.add(run(Contender.FABRIC8, Scenario.COLD, true, seconds * 1.5));
            measurements.add(run(Contender.TURRET, Scenario.COLD, true, seconds * 2));
        }
        measurements.add(run(Contender.SCRIPT, Scenario.NO_CHANGE, true, 5.0));
        measurements.add(run(Contender.FABRIC8, Scenario.NO_CHANGE, true, 6.0));
        measurements.add(run(Contender.TURRET, Scenario.NO_CHANGE, false, 1.0));

        String markdown = Results.markdown(OPTIONS, List.of("cores: 2"), measurements);

        assertTrue(markdown.contains("> **measured under load**"), markdown);
        assertTrue(markdown.contains("- cores: 2"), markdown);
        assertTrue(markdown.contains("| cold (empty registry and caches) | 11.0 (10.0 to 12.0) | 16.5 (15.0 to 18.0) | 22.0 (20.0 to 24.0) | 2.00 | 1.50 |"),
                markdown);
        assertTrue(markdown.contains("| nothing changed | 5.0 (5.0 to 5.0) | 6.0 (6.0 to 6.0) | failed |  | 1.20 |"), markdown);
        assertTrue(markdown.contains("| 11 blobs, 3.0 MiB, 0 mounts, 4 manifests |"), markdown);
        assertTrue(markdown.contains("## Failed releases"), markdown);
        assertTrue(markdown.contains(TurretStages.MEANING + "\n\n| scenario | builders |\n"), markdown);
        assertArrayEquals(new double[] {2.0, 1.5}, Results.ratios(OPTIONS.scenarios(), measurements).get(Scenario.COLD), 1e-9);
    }
}
