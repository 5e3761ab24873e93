package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's quick mode, so that the harness cannot rot: every contender releases once, cold. */
class BenchQuickIT {
    @Test
    void everyContenderReleasesTheSampleAndTheResultsAreWritten() throws Exception {
        System.setProperty("bench.quick", "true");
        BenchOptions options = BenchOptions.fromSystemProperties();
        List<Measurement> measurements = Bench.run(options);

        assertEquals(options.contenders().size(), measurements.size());
        for (Measurement measurement : measurements) {
            assertTrue(measurement.succeeded(), measurement.contender().title() + " failed: " + measurement.log());
            // a registry the engine never pushed to: every blob of the four images is uploaded, none mounted
            assertTrue(measurement.uploads().blobs() >= 8, measurement.contender() + ": " + measurement.uploads());
            assertEquals(0, measurement.uploads().mounts(), measurement.contender() + ": " + measurement.uploads());
            assertTrue(measurement.uploads().manifests() >= 4, measurement.contender() + ": " + measurement.uploads());
            assertTrue(measurement.peakMemoryBytes() > 0, measurement.contender().title());
        }
        Measurement turret = measurements.stream().filter(m -> m.contender() == Contender.TURRET).findFirst().orElseThrow();
        assertTrue(turret.stages().keySet().containsAll(List.of("builders", "runner", "Maven end")), turret.stages().toString());

        Path results = Results.write(options, MachineFacts.describe(), measurements);
        String markdown = Files.readString(results);
        assertTrue(markdown.contains("| cold (empty registry and caches) |"), markdown);
        assertTrue(Files.size(results.resolveSibling("ratios.png")) > 1000);
    }
}
