package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurretStagesTest {
    /** One Go change: the api is assembled while the front end's builder still runs; the front end's image is kept. */
    private static final List<String> GO_CHANGE = List.of(
            "10:00:01.000 [INFO] Scanning for projects...",
            "10:00:01.500 [INFO] --- turret-maven-plugin:0.1.0-SNAPSHOT:release (default-cli) @ turret-bench ---",
            "10:00:02.000 [INFO] Registry 127.0.0.1:1: credential from settings.xml <server> '127.0.0.1:1'",
            "10:00:02.500 [INFO] Registry 127.0.0.1:1 accepts the credential and pushes to every service's repository.",
            "10:00:03.000 [INFO] [go] started in turret-sample/go-builder:bookworm-1",
            "10:00:03.200 [INFO] [frontend] started in turret-sample/python:bookworm-1",
            "10:00:04.000 [INFO] [go] ok  \texample.com/turret-sample/internal/api\t0.012s",
            "10:00:06.000 [INFO] [go] passed in 3 s, 3 output file(s) in target/turret/build/go",
            "10:00:06.500 [INFO] [api] assembled 127.0.0.1:1/bench-turret/api:bench sha256:aa (1 layers, 4.1 MiB)",
            "10:00:06.600 [INFO] [worker] reused target/turret/images/worker.tar sha256:bb (inputs unchanged)",
            "10:00:06.700 [INFO] [redis] reused target/turret/images/redis.tar sha256:cc (inputs unchanged)",
            "10:00:07.000 [INFO] [frontend] OK",
            "10:00:07.200 [INFO] [frontend] passed in 4 s, 7 output file(s) in target/turret/build/frontend",
            "10:00:07.300 [INFO] [frontend] reused target/turret/images/frontend.tar sha256:dd (inputs unchanged)",
            "10:00:07.800 [INFO] [redis] up (a log line matching 'Ready to accept connections')",
            "10:00:08.000 [INFO] [api] up on 127.0.0.1:2 (HTTP 200 from GET /healthz on port 8080)",
            "10:00:08.400 [INFO] [frontend] up on 127.0.0.1:3 (HTTP 200 from GET /healthz on port 8000)",
            "10:00:08.600 [INFO] [go-integration] started in turret-sample/go-builder:bookworm-1",
            "10:00:09.400 [INFO] [go-integration] passed in 0 s, 1 output file(s) in target/turret/reports/it-go-integration",
            "10:00:10.000 [INFO] [api] pushed bench-turret/api@sha256:aa (2 of 2 blobs uploaded, the rest were there)",
            "10:00:10.100 [INFO] [frontend] bench-turret/frontend:bench already points at sha256:dd: nothing to push",
            "10:00:10.200 [INFO] Pushed 4 image(s) to 127.0.0.1:1 (2 blob(s) uploaded, 0 mounted); target/turret/release.json records them:",
            "10:00:10.250 [INFO] api       127.0.0.1:1/bench-turret/api:bench       sha256:aa    4.1 MiB",
            "10:00:10.300 [INFO] BUILD SUCCESS");

    private static Instant at(String localTime) {
        return LocalDate.now().atTime(LocalTime.parse(localTime)).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static double sum(Map<String, Double> stages) {
        return stages.values().stream().mapToDouble(d -> d).sum();
    }

    @Test
    void eachStretchBetweenTwoLinesGoesToTheStageOfTheLaterOneAsStagesOverlap() {
        Map<String, Double> stages = TurretStages.of(GO_CHANGE, at("10:00:00.600"), at("10:00:10.600"));

        assertEquals(TurretStages.NAMES, List.copyOf(stages.keySet()));
        assertEquals(0.9, stages.get("Maven start"), 1e-6); // from the process start to the plugin's first line
        assertEquals(1.0, stages.get("registry check"), 1e-6);
        assertEquals(4.0, stages.get("builders"), 1e-6); // 3.5 s to the Go builder's end, 0.5 s more for the front end's
        assertEquals(0.8, stages.get("assembly and load"), 1e-6); // the api's and the kept images, between builder lines
        assertEquals(1.1, stages.get("environment up"), 1e-6);
        assertEquals(1.0, stages.get("runner"), 1e-6);
        assertEquals(0.8, stages.get("environment down and push"), 1e-6); // the front end's "nothing to push" too
        assertEquals(0.4, stages.get("Maven end"), 1e-6); // the release's table, BUILD SUCCESS, then to the process end
        assertEquals(10.0, sum(stages), 1e-6);
    }

    @Test
    void aRealPythonChangeAddsUpToItsWallTime() {
        Map<String, Double> stages = TurretStages.of(PythonChangeLog.LINES, at("22:08:06.300"), at("22:08:13.500"));

        assertEquals(TurretStages.NAMES, List.copyOf(stages.keySet()));
        assertEquals(0.642, stages.get("Maven start"), 1e-6);
        assertEquals(1.015, stages.get("registry check"), 1e-6);
        assertEquals(1.531, stages.get("builders"), 1e-6); // 0.596 s to the Go builder's reuse, 0.935 s for the front end's
        assertEquals(0.854, stages.get("assembly and load"), 1e-6); // 0.120 s of kept images, 0.734 s for the front end's
        assertEquals(1.240, stages.get("environment up"), 1e-6);
        assertEquals(0.894, stages.get("runner"), 1e-6);
        assertEquals(0.683, stages.get("environment down and push"), 1e-6);
        assertEquals(0.341, stages.get("Maven end"), 1e-6);
        assertEquals(7.2, sum(stages), 1e-6);
    }

    @Test
    void aStageWithoutLinesIsLeftOut() {
        List<String> nothingChanged = List.of(
                "10:00:01.000 [INFO] --- turret-maven-plugin:0.1.0-SNAPSHOT:release (default-cli) @ turret-bench ---",
                "10:00:02.000 [INFO] Registry 127.0.0.1:1 accepts the credential and pushes to every service's repository.",
                "10:00:02.500 [INFO] [go] reused the outputs of run 20261125-220538-a6ec (inputs unchanged)",
                "10:00:02.600 [INFO] [api] reused target/turret/images/api.tar sha256:aa (inputs unchanged)",
                "10:00:02.700 [INFO] [go-integration] reused the verdict of run 20261125-220538-a6ec: passed",
                "10:00:02.900 [INFO] [api] bench-turret/api:bench already points at sha256:aa: nothing to push",
                "10:00:03.000 [INFO] BUILD SUCCESS");

        Map<String, Double> stages = TurretStages.of(nothingChanged, at("10:00:00.500"), at("10:00:03.200"));

        assertEquals(List.of("Maven start", "registry check", "builders", "assembly and load", "runner",
                "environment down and push", "Maven end"), List.copyOf(stages.keySet()));
        assertEquals(2.7, sum(stages), 1e-6);
    }

    @Test
    void twoPlatformsLinesNameTheirPlatformAndCountForTheirStages() {
        List<String> twoPlatforms = List.of(
                "10:00:01.000 [INFO] --- turret-maven-plugin:0.1.0-SNAPSHOT:release (default-cli) @ turret-bench ---",
                "10:00:02.000 [INFO] Registry 127.0.0.1:1 accepts the credential and pushes to every service's repository.",
                "10:00:03.000 [INFO] [go.linux-amd64] passed in 3 s, 3 output file(s) in target/turret/build/go.linux-amd64",
                "10:00:04.000 [INFO] [go.linux-arm64] passed in 3 s, 3 output file(s) in target/turret/build/go.linux-arm64",
                "10:00:04.500 [INFO] [api linux/arm64] assembled 127.0.0.1:1/bench-turret/api:bench sha256:aa (1 layers, 4.1 MiB)",
                "10:00:05.000 [INFO] [worker linux/amd64] reused target/turret/images/worker.linux-amd64.tar sha256:bb (inputs unchanged)",
                "10:00:05.100 [INFO] Integration tests on linux/arm64 (2 of 2)",
                "10:00:07.000 [INFO] [redis] up as linux/arm64 (emulated) (a log line matching 'Ready to accept connections')",
                "10:00:08.000 [INFO] [go-integration] passed in 0 s, 1 output file(s) in target/turret/reports/it-go-integration",
                "10:00:08.500 [INFO] [api] pushed bench-turret/api@sha256:aa (linux/arm64) (2 of 2 blobs uploaded, the rest were there)",
                "10:00:08.700 [INFO] [api] pushed the index bench-turret/api@sha256:cc of [linux/amd64, linux/arm64]",
                "10:00:09.000 [INFO] [worker] bench-turret/worker:bench already points at the index sha256:dd of these images: "
                        + "nothing to push",
                "10:00:09.100 [INFO] BUILD SUCCESS");

        Map<String, Double> stages = TurretStages.of(twoPlatforms, at("10:00:00.500"), at("10:00:09.500"));

        assertEquals(2.0, stages.get("builders"), 1e-6);
        assertEquals(1.0, stages.get("assembly and load"), 1e-6);
        assertEquals(2.0, stages.get("environment up"), 1e-6); // from the last image, over the line naming no stage
        assertEquals(1.0, stages.get("environment down and push"), 1e-6); // the worker's index already in place too
        assertEquals(9.0, sum(stages), 1e-6);
    }

    @Test
    void noStampedLineGivesNoStages() {
        assertEquals(Map.of(), TurretStages.of(List.of("[INFO] BUILD SUCCESS"), at("10:00:00"), at("10:00:03")));
    }
}
