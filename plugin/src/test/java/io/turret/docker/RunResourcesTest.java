package io.turret.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.report.Log;
import io.turret.run.FakeProcesses;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ScratchFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResourcesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Owner SELF = new Owner("agent-1", 100, 1_000);
    private static final Owner LIVE = new Owner("agent-1", 200, 2_000);
    private static final Owner KILLED = new Owner("agent-1", 300, 3_000);
    private static final Owner ELSEWHERE = new Owner("agent-2", 400, 4_000);

    @TempDir
    Path tmp;

    private final FakeDocker docker = new FakeDocker();
    private final Set<String> handedOver = new java.util.HashSet<>();

    private RunResources open() {
        Liveness liveness = new Liveness(SELF, new FakeProcesses().running(LIVE), Duration.ofHours(6),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Leftovers leftovers = new Leftovers(liveness, (stateFile, runId) -> handedOver.contains(stateFile + " " + runId));
        return RunResources.open(docker, "run-new", "shop", leftovers, new ScratchFolders(tmp, liveness, Log.silent()),
                Log.silent());
    }

    private static Map<String, String> labels(String runId, Owner owner) {
        return Labels.ofRun(runId, "shop", "test-redis", owner);
    }

    private static Map<String, String> environment(String runId, Owner owner, String stateFile) {
        Map<String, String> labels = new HashMap<>(labels(runId, owner));
        labels.put(Labels.STATE, stateFile);
        return labels;
    }

    @Test
    void removesWhatKilledRunsLeftAndNothingOfALiveRun() {
        String killed = docker.addContainer(labels("run-killed", KILLED), NOW.minusSeconds(60));
        String killedNetwork = docker.addNetwork(labels("run-killed", KILLED), NOW.minusSeconds(60));
        String live = docker.addContainer(labels("run-live", LIVE), NOW.minusSeconds(60));
        String liveNetwork = docker.addNetwork(labels("run-live", LIVE), NOW.minusSeconds(60));
        String otherProject = docker.addContainer(Labels.ofRun("run-x", "billing", "build", KILLED), NOW.minusSeconds(60));

        open().close();

        assertEquals(Set.of(live, otherProject), docker.containers.keySet());
        assertEquals(Set.of(liveNetwork), docker.networks.keySet());
        assertTrue(!docker.containers.containsKey(killed) && !docker.networks.containsKey(killedNetwork));
    }

    @Test
    void removesWhatAnotherHostOrAnOlderTurretLeftOnlyPastReapAfter() {
        String young = docker.addContainer(labels("run-a", ELSEWHERE), NOW.minus(Duration.ofHours(1)));
        docker.addContainer(labels("run-b", ELSEWHERE), NOW.minus(Duration.ofHours(7)));
        String youngUnowned = docker.addContainer(Map.of(Labels.RUN, "run-c", Labels.PROJECT, "shop"), NOW.minusSeconds(60));
        docker.addContainer(Map.of(Labels.RUN, "run-d", Labels.PROJECT, "shop"), NOW.minus(Duration.ofDays(1)));

        open().close();

        assertEquals(Set.of(young, youngUnowned), docker.containers.keySet());
    }

    @Test
    void keepsAnEnvironmentHandedOverWhileItsStateFileHoldsIt() {
        String handed = docker.addContainer(environment("run-start", KILLED, "/work/a/target/turret/environment.json"),
                NOW.minusSeconds(60));
        docker.addContainer(environment("run-stale", KILLED, "/work/b/target/turret/environment.json"), NOW.minusSeconds(60));
        handedOver.add("/work/a/target/turret/environment.json run-start");

        open().close();

        assertEquals(Set.of(handed), docker.containers.keySet());
    }

    @Test
    void closingRemovesItsContainersAndItsScratchFolder() throws Exception {
        RunResources run = open();
        run.createContainer(new ContainerSpec("builder", "image", List.of(), null, Map.of(), run.labels("build"), "none",
                Map.of()));
        Files.writeString(run.scratch().resolve("sources.tar"), "sources");
        assertEquals(Labels.ofRun("run-new", "shop", "build", SELF), docker.containers.values().iterator().next().labels());

        run.close();

        assertEquals(Map.of(), docker.containers);
        assertTrue(Files.notExists(run.scratch()));
    }
}
