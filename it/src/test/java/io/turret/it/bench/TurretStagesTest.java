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
    private static final List<String> LOG = List.of(
            "10:00:01.000 [INFO] Scanning for projects...",
            "10:00:01.500 [INFO] --- turret-maven-plugin:0.1.0-SNAPSHOT:release (default-cli) @ turret-bench ---",
            "10:00:02.000 [INFO] Registry 127.0.0.1:1 accepts the credential and pushes to every service's repository.",
            "10:00:03.000 [INFO] [go] ok  example.com/turret-sample/internal/api",
            "10:00:05.000 [INFO] [frontend] OK",
            "10:00:06.000 [INFO] [frontend] assembled 127.0.0.1:1/bench-turret/frontend:bench sha256:aa (1 layers, 4 MiB)",
            "10:00:07.000 [INFO] [frontend] up on 127.0.0.1:2 (HTTP 200 from GET /healthz on port 8000)",
            "10:00:08.500 [INFO] [go-integration] passed in 1 s",
            "10:00:09.000 [INFO] [api] pushed bench-turret/api@sha256:bb (2 of 2 blobs uploaded, the rest were there)",
            "10:00:09.200 [INFO] Pushed 4 image(s) to 127.0.0.1:1 (11 blob(s) uploaded)",
            "10:00:09.500 [INFO] BUILD SUCCESS");

    private static Instant at(String localTime) {
        return LocalDate.now().atTime(LocalTime.parse(localTime)).atZone(ZoneId.systemDefault()).toInstant();
    }

    @Test
    void eachStageEndsWithItsLastLineAndMavenStartAndEndCountTheProcessBeforeAndAfterTheLog() {
        Map<String, Double> stages = TurretStages.of(LOG, at("10:00:00.500"), at("10:00:09.800"));

        assertEquals(List.of("Maven start", "registry check", "builders", "assembly and load", "environment up", "runner",
                "environment down and push", "Maven end"), List.copyOf(stages.keySet()));
        assertEquals(1.0, stages.get("Maven start"), 1e-6); // 0.5 s before the first line, 0.5 s of Maven's own
        assertEquals(0.5, stages.get("registry check"), 1e-6);
        assertEquals(3.0, stages.get("builders"), 1e-6);
        assertEquals(1.0, stages.get("assembly and load"), 1e-6);
        assertEquals(1.5, stages.get("runner"), 1e-6);
        assertEquals(0.7, stages.get("environment down and push"), 1e-6);
        assertEquals(0.6, stages.get("Maven end"), 1e-6); // 0.3 s of lines after the push, 0.3 s after the last line
        assertEquals(9.3, stages.values().stream().mapToDouble(d -> d).sum(), 1e-6);
    }

    @Test
    void noStampedLineGivesNoStages() {
        assertEquals(Map.of(), TurretStages.of(List.of("[INFO] BUILD SUCCESS"), at("10:00:00"), at("10:00:03")));
    }
}
