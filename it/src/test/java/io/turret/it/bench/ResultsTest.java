package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsTest {
    private static final BenchOptions OPTIONS = new BenchOptions(false, 3, List.of(Scenario.COLD, Scenario.NO_CHANGE),
            BenchOptions.contenders("SCRIPT,FABRIC8,TURRET", Optional.empty()), Path.of("bench"), Path.of("target/bench"),
            Path.of("target/bench"), Optional.empty(), Optional.empty(), Optional.of("measured under load"), Optional.empty());
    private static final Path BEFORE = Path.of("/m2/before");
    private static final BenchOptions WITH_BEFORE = new BenchOptions(false, 3, List.of(Scenario.NO_CHANGE, Scenario.GO_CHANGE),
            BenchOptions.contenders("SCRIPT,TURRET", Optional.of(BEFORE)), Path.of("bench"), Path.of("target/bench"),
            Path.of("target/bench"), Optional.empty(), Optional.of(BEFORE), Optional.empty(), Optional.empty());

    private static Measurement run(Contender contender, Scenario scenario, boolean succeeded, double seconds) {
        return new Measurement(contender, scenario, 1, succeeded, seconds, new Uploads(11, 3L << 20, 0, 4), 300L << 20,
                Map.of("builders", 2.0), Path.of("log"));
    }

    /** A successful release with 11 blobs uploaded. */
    private static Measurement release(Contender contender, Scenario scenario, double seconds, long bytes, long peakMiB,
            Map<String, Double> stages) {
        return new Measurement(contender, scenario, 1, true, seconds, new Uploads(11, bytes, 0, 4), peakMiB << 20, stages,
                Path.of("log"));
    }

    /** The row of the goals' table that starts with the goal. */
    private static String goal(List<Measurement> measurements, String goal) {
        String markdown = Results.markdown(OPTIONS, List.of(), measurements);
        return markdown.lines().filter(line -> line.startsWith("| " + goal)).findFirst()
                .orElseThrow(() -> new AssertionError(markdown));
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

        assertTrue(markdown.startsWith("# Benchmark: the team's script, fabric8's docker-maven-plugin, turret:release\n"), markdown);
        assertTrue(markdown.contains("| scenario | script | fabric8 dmp 0.46.0 | turret:release | Turret / script | fabric8 / script |\n"),
                markdown);
        assertFalse(markdown.contains("Turret / before") || markdown.contains("(before)"), markdown);
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

    @Test
    void turretBeforeTheChangeGetsAColumnInEveryTableAndARatioToTurret() {
        List<Measurement> measurements = new ArrayList<>();
        for (double seconds : List.of(5.0, 6.0, 7.0)) {
            measurements.add(run(Contender.SCRIPT, Scenario.NO_CHANGE, true, seconds * 2));
            measurements.add(run(Contender.TURRET, Scenario.NO_CHANGE, true, seconds));
            measurements.add(run(Contender.TURRET_BEFORE, Scenario.NO_CHANGE, true, seconds * 1.2));
            measurements.add(run(Contender.SCRIPT, Scenario.GO_CHANGE, true, seconds * 2));
            measurements.add(run(Contender.TURRET, Scenario.GO_CHANGE, true, seconds * 1.5));
        }
        measurements.add(run(Contender.TURRET_BEFORE, Scenario.GO_CHANGE, false, 1.0));

        String markdown = Results.markdown(WITH_BEFORE, List.of(), measurements);

        assertTrue(markdown.startsWith("# Benchmark: the team's script, turret:release, turret:release before the change\n"), markdown);
        assertTrue(markdown.contains("from the local repository `/m2/before`"), markdown);
        assertTrue(markdown.contains("| scenario | script | turret:release | turret:release (before) | Turret / script | Turret / before |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n"
                + "| nothing changed | 12.0 (10.0 to 14.0) | 6.0 (5.0 to 7.0) | 7.2 (6.0 to 8.4) | 0.50 | 0.83 |\n"
                + "| one Go change (a string the api prints) | 12.0 (10.0 to 14.0) | 9.0 (7.5 to 10.5) | failed | 0.75 |  |\n"), markdown);
        assertTrue(markdown.contains("| scenario | script | turret:release | turret:release (before) |\n"), markdown);
        assertTrue(markdown.contains("| nothing changed ≤ 0.5 of the script's time | 0.50 | yes |"), markdown);
    }

    @Test
    void twoPlatformsHaveARowWithNoGoalAndNoCellForTheContendersThatCannotReleaseThem() {
        BenchOptions options = new BenchOptions(false, 1, List.of(Scenario.GO_CHANGE, Scenario.TWO_PLATFORMS_GO_CHANGE),
                BenchOptions.contenders("SCRIPT,FABRIC8,TURRET", Optional.of(BEFORE)), Path.of("bench"), Path.of("target/bench"),
                Path.of("target/bench"), Optional.empty(), Optional.of(BEFORE), Optional.empty(), Optional.empty());
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.GO_CHANGE, 10.0, 0, 28, Map.of()),
                release(Contender.FABRIC8, Scenario.GO_CHANGE, 12.0, 0, 220, Map.of()),
                release(Contender.TURRET, Scenario.GO_CHANGE, 9.0, 0, 220, Map.of()),
                release(Contender.TURRET_BEFORE, Scenario.GO_CHANGE, 9.5, 0, 220, Map.of()),
                release(Contender.SCRIPT, Scenario.TWO_PLATFORMS_GO_CHANGE, 40.0, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.TWO_PLATFORMS_GO_CHANGE, 30.0, 0, 230,
                        Map.of("builders", 9.0, "environment up", 12.0, "runner", 0.01)));

        String markdown = Results.markdown(options, List.of(), measurements);

        assertTrue(markdown.contains("| one Go change, two platforms (both tested) | 40.0 (40.0 to 40.0) "
                + "| not run | 30.0 (30.0 to 30.0) | not run | 0.75 |  |  |\n"), markdown);
        assertTrue(markdown.contains("| one Go change (a string the api prints) | 10.0 (10.0 to 10.0) | 12.0 (12.0 to 12.0) "
                + "| 9.0 (9.0 to 9.0) | 9.5 (9.5 to 9.5) | 0.90 | 1.20 | 0.95 |\n"), markdown);
        assertEquals("| one Go change, two platforms (both tested): Turret / script | 0.75 "
                + "| no goal: the issue asks for the row | environment up 12.0 s, builders 9.0 s |",
                markdown.lines().filter(line -> line.startsWith("| one Go change, two platforms") && line.contains("no goal"))
                        .findFirst().orElseThrow(() -> new AssertionError(markdown)));
        assertEquals("| one Go change, two platforms (both tested): Turret / script "
                + "| not measured in this run |  |  |", goal(List.of(), "one Go change, two platforms"));
    }

    @Test
    void onlyTheScriptAndTurretReleaseTwoPlatforms() {
        assertEquals(List.of(Contender.SCRIPT, Contender.TURRET), Arrays.stream(Contender.values())
                .filter(Scenario.TWO_PLATFORMS_GO_CHANGE::runsWith).toList());
        assertEquals(List.of(), Scenario.GO_CHANGE.platforms());
        assertTrue(Arrays.stream(Contender.values()).allMatch(Scenario.GO_CHANGE::runsWith));
    }

    @Test
    void theManyServicesAreHeldToTheScriptsTimeAndToTurretsGoChangeInTheSample() {
        List<Measurement> met = List.of(release(Contender.SCRIPT, Scenario.MANY_SERVICES, 30.0, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.GO_CHANGE, 8.0, 0, 220, Map.of("builders", 4.0, "environment up", 2.0)),
                release(Contender.TURRET, Scenario.MANY_SERVICES, 12.0, 0, 230, Map.of("builders", 5.0, "environment up", 4.0)));
        List<Measurement> missed = List.of(release(Contender.SCRIPT, Scenario.MANY_SERVICES, 30.0, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.GO_CHANGE, 8.0, 0, 220, Map.of("builders", 4.0, "environment up", 2.0)),
                release(Contender.TURRET, Scenario.MANY_SERVICES, 16.0, 0, 230,
                        Map.of("builders", 5.0, "environment up", 6.5, "assembly and load", 1.2)));

        assertEquals("| one Go change, 24 services (20 generated) ≤ 0.5 of the script's time | 0.40 | yes |  |",
                goal(met, "one Go change, 24 services (20 generated) ≤"));
        assertEquals("| one Go change, 24 services (20 generated): at most 1.5× Turret's time for one Go change in the sample "
                + "| 12.0 s against 8.0 s (+50%) | yes |  |", goal(met, "one Go change, 24 services (20 generated): at most"));
        assertEquals("| one Go change, 24 services (20 generated) ≤ 0.5 of the script's time | 0.53 | no | "
                + "environment up 6.5 s, builders 5.0 s, assembly and load 1.2 s |",
                goal(missed, "one Go change, 24 services (20 generated) ≤"));
        assertEquals("| one Go change, 24 services (20 generated): at most 1.5× Turret's time for one Go change in the sample "
                + "| 16.0 s against 8.0 s (+100%) | no | environment up +4.5 s, assembly and load +1.2 s, builders +1.0 s |",
                goal(missed, "one Go change, 24 services (20 generated): at most"));
    }

    @Test
    void theLargeTreeIsHeldToTurretsGoChangeWithoutIt() {
        List<Measurement> within = List.of(release(Contender.TURRET, Scenario.GO_CHANGE, 8.0, 0, 220, Map.of("builders", 4.0)),
                release(Contender.TURRET, Scenario.LARGE_TREE, 8.8, 0, 225, Map.of("builders", 4.8)));
        List<Measurement> beyond = List.of(release(Contender.TURRET, Scenario.GO_CHANGE, 8.0, 0, 220,
                Map.of("builders", 4.0, "registry check", 1.0)),
                release(Contender.TURRET, Scenario.LARGE_TREE, 11.0, 0, 225, Map.of("builders", 7.0, "registry check", 0.9)));
        String goal = "one Go change, 200 MiB more in the Go module: within 10% of Turret's time for one Go change without it";

        assertEquals("| " + goal + " | 8.8 s against 8.0 s (+10%) | yes |  |", goal(within, goal));
        assertEquals("| " + goal + " | 11.0 s against 8.0 s (+38%) | no | builders +3.0 s |", goal(beyond, goal));
        assertEquals("| " + goal + " | not measured in this run |  |  |", goal(within.subList(1, 2), goal));
    }

    @Test
    void theManyServicesRunWithoutFabric8AndTheLargeTreeWithEveryContender() {
        assertEquals(List.of(Contender.SCRIPT, Contender.TURRET, Contender.TURRET_BEFORE), Arrays.stream(Contender.values())
                .filter(Scenario.MANY_SERVICES::runsWith).toList());
        assertTrue(Arrays.stream(Contender.values()).allMatch(Scenario.LARGE_TREE::runsWith));
        assertEquals(ProjectShape.MANY_SERVICES, Scenario.MANY_SERVICES.shape());
        assertEquals(ProjectShape.LARGE_TREE, Scenario.LARGE_TREE.shape());
        assertTrue(Arrays.stream(Scenario.values()).filter(s -> s != Scenario.MANY_SERVICES && s != Scenario.LARGE_TREE)
                .allMatch(s -> s.shape() == ProjectShape.SAMPLE));
    }

    @Test
    void turretBeforeTheChangeRunsOnlyWithItsRepository() {
        assertEquals(List.of(Contender.SCRIPT, Contender.FABRIC8, Contender.TURRET),
                BenchOptions.contenders("SCRIPT,FABRIC8,TURRET", Optional.empty()));
        assertEquals(List.of(Contender.SCRIPT, Contender.TURRET, Contender.TURRET_BEFORE),
                BenchOptions.contenders("SCRIPT, TURRET,TURRET_BEFORE", Optional.of(BEFORE)));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.contenders("TURRET,TURRET_BEFORE", Optional.empty()));
    }

    @Test
    void thePeakMemoryGoalOfARunWithoutDmpIsNotMeasuredRatherThanFailed() {
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.NO_CHANGE, 5.8, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of()));

        assertEquals("| Turret's peak memory no more than dmp's in each scenario | not measured in this run (without dmp) |  |  |",
                goal(measurements, "Turret's peak memory"));
    }

    @Test
    void theGoalsAgainstTheScriptOfARunWithoutItAreNotMeasuredRatherThanFailed() {
        List<Measurement> measurements = List.of(release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of()),
                release(Contender.TURRET, Scenario.COLD, 43.5, 199L << 20, 480, Map.of()));

        assertEquals("| nothing changed ≤ 0.5 of the script's time | not measured in this run (without the script) |  |  |",
                goal(measurements, "nothing changed ≤"));
        assertEquals("| cold: bytes uploaded ≤ the script's | not measured in this run (without the script) |  |  |",
                goal(measurements, "cold: bytes uploaded"));
    }

    @Test
    void aTimeGoalMetSaysYesWithItsRatio() {
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.NO_CHANGE, 5.8, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of("builders", 0.5)));

        assertEquals("| nothing changed ≤ 0.5 of the script's time | 0.48 | yes |  |", goal(measurements, "nothing changed ≤"));
    }

    @Test
    void aTimeGoalMissedListsTurretsStagesInThatScenarioLargestFirst() {
        Map<String, Double> stages = Map.of("Maven start", 0.8, "registry check", 1.0, "builders", 5.1, "assembly and load", 0.5,
                "runner", 0.01);
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.GO_CHANGE, 6.5, 0, 28, Map.of()),
                release(Contender.TURRET, Scenario.GO_CHANGE, 8.9, 0, 227, stages));

        assertEquals("| one Go change (a string the api prints) ≤ 0.8 of the script's time | 1.37 | no | "
                + "builders 5.1 s, registry check 1.0 s, Maven start 0.8 s, assembly and load 0.5 s |",
                goal(measurements, "one Go change"));
    }

    @Test
    void aGoalWhoseScenariosDidNotRunIsNotMeasured() {
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.COLD, 40.9, 201L << 20, 28, Map.of()),
                release(Contender.TURRET, Scenario.COLD, 43.5, 199L << 20, 480, Map.of()));

        assertEquals("| one Python change ≤ 0.8 of the script's time | not measured in this run |  |  |",
                goal(measurements, "one Python change"));
        assertEquals("| a 1 GiB layer's no-change within 10% of the no-change without it | not measured in this run |  |  |",
                goal(measurements, "a 1 GiB layer's"));
    }

    @Test
    void aGoalWhoseReleaseFailedSaysSo() {
        List<Measurement> measurements = List.of(release(Contender.SCRIPT, Scenario.GO_CHANGE, 6.5, 0, 28, Map.of()),
                run(Contender.TURRET, Scenario.GO_CHANGE, false, 1.0));

        assertEquals("| one Go change (a string the api prints) ≤ 0.8 of the script's time "
                + "| a release failed (see Failed releases) |  |  |", goal(measurements, "one Go change"));
    }

    @Test
    void coldBytesUploadedAgainstTheScripts() {
        List<Measurement> fewer = List.of(release(Contender.SCRIPT, Scenario.COLD, 40.9, 201L << 20, 28, Map.of()),
                release(Contender.TURRET, Scenario.COLD, 43.5, 199L << 20, 480, Map.of()));
        List<Measurement> more = List.of(release(Contender.SCRIPT, Scenario.COLD, 40.9, 201L << 20, 28, Map.of()),
                release(Contender.TURRET, Scenario.COLD, 43.5, 202L << 20, 480, Map.of()));

        assertEquals("| cold: bytes uploaded ≤ the script's | 199.0 MiB against 201.0 MiB | yes |  |", goal(fewer, "cold: bytes"));
        assertEquals("| cold: bytes uploaded ≤ the script's | 202.0 MiB against 201.0 MiB | no | 11 blobs against 11 |",
                goal(more, "cold: bytes"));
    }

    @Test
    void aLargeLayerMissingItsTimeGoalSaysWhichStagesGrew() {
        List<Measurement> within = List.of(release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of("builders", 0.5)),
                release(Contender.TURRET, Scenario.LAYER_1G, 3.0, 0, 206, Map.of("builders", 0.7)));
        List<Measurement> beyond = List.of(
                release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of("builders", 0.5, "registry check", 1.0)),
                release(Contender.TURRET, Scenario.LAYER_1G, 3.5, 0, 206,
                        Map.of("builders", 1.2, "registry check", 1.0, "assembly and load", 0.1)));

        assertEquals("| a 1 GiB layer's no-change within 10% of the no-change without it | 3.0 s against 2.8 s (+7%) | yes |  |",
                goal(within, "a 1 GiB layer's"));
        assertEquals("| a 1 GiB layer's no-change within 10% of the no-change without it | 3.5 s against 2.8 s (+25%) | no | "
                + "builders +0.7 s, assembly and load +0.1 s |", goal(beyond, "a 1 GiB layer's"));
    }

    @Test
    void peakMemoryAboveDmpsNamesTheScenarios() {
        List<Measurement> measurements = List.of(
                release(Contender.FABRIC8, Scenario.COLD, 45.0, 0, 215, Map.of()),
                release(Contender.TURRET, Scenario.COLD, 43.5, 0, 480, Map.of()),
                release(Contender.FABRIC8, Scenario.NO_CHANGE, 10.7, 0, 228, Map.of()),
                release(Contender.TURRET, Scenario.NO_CHANGE, 2.8, 0, 205, Map.of()),
                release(Contender.FABRIC8, Scenario.PYTHON_CHANGE, 11.4, 0, 220, Map.of()),
                release(Contender.TURRET, Scenario.PYTHON_CHANGE, 7.4, 0, 313, Map.of()));

        assertEquals("| Turret's peak memory no more than dmp's in each scenario | above dmp's in 2 of 3 scenarios | no | "
                + "cold (empty registry and caches): 480 against 215 MiB; one Python change: 313 against 220 MiB |",
                goal(measurements, "Turret's peak memory"));
        assertEquals("| Turret's peak memory no more than dmp's in each scenario | above dmp's in 0 of 1 scenarios | yes |  |",
                goal(measurements.subList(2, 4), "Turret's peak memory"));
    }

    @Test
    void aLargeLayersPeakMemoryMayExceedASmallOnesByFivePercent() {
        List<Measurement> within = List.of(release(Contender.TURRET, Scenario.LAYER_10M, 2.8, 0, 202, Map.of()),
                release(Contender.TURRET, Scenario.LAYER_1G, 3.5, 0, 212, Map.of()));
        List<Measurement> beyond = List.of(release(Contender.TURRET, Scenario.LAYER_10M, 2.8, 0, 202, Map.of()),
                release(Contender.TURRET, Scenario.LAYER_1G, 3.5, 0, 213, Map.of()));

        assertEquals("| no more peak memory for a 1 GiB layer than for a 10 MiB one (Turret; 5% allowed) | 212 against 202 MiB | yes |  |",
                goal(within, "no more peak memory"));
        assertEquals("| no more peak memory for a 1 GiB layer than for a 10 MiB one (Turret; 5% allowed) | 213 against 202 MiB | no |  |",
                goal(beyond, "no more peak memory"));
    }
}
