package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.docker.FakeDocker;
import io.turret.docker.Labels;
import io.turret.failure.EnvironmentFailure;
import io.turret.report.RecordingLog;
import io.turret.run.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTeardownTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    private final FakeDocker docker = new FakeDocker();
    private final RecordingLog log = new RecordingLog();
    private final List<String> warnings = log.warnings;
    private final Thread stopOnExit = new Thread(() -> {
    });

    private Path stateFile() {
        return folder.resolve("environment.json");
    }

    private EnvironmentTeardown start() {
        Map<String, String> ofRun = Map.of(Labels.RUN, "run-1");
        String network = docker.addNetwork(ofRun, NOW);
        List<RunningEnvironment.Started> started = List.of(
                new RunningEnvironment.Started("redis", docker.addContainer(ofRun, NOW), "redis", "redis:7", null, 6379, null),
                new RunningEnvironment.Started("api", docker.addContainer(ofRun, NOW), "api", "sha256:1", "api", 8080, null));
        RunningEnvironment running = new RunningEnvironment("run-1", "shop", network, "turret-shop-run-1", started,
                new Owner("agent-1", 100, 1_000), null);
        running.save(stateFile());
        return EnvironmentTeardown.start(new TestEnvironment(docker, log), running, stateFile(), folder.resolve("logs"),
                StopOnExit.registered(stopOnExit));
    }

    private void assertDown() {
        assertEquals(Map.of(), docker.containers);
        assertEquals(Map.of(), docker.networks);
        assertFalse(Files.exists(stateFile()));
        assertTrue(Files.isRegularFile(folder.resolve("logs/redis.log")));
        assertFalse(Runtime.getRuntime().removeShutdownHook(stopOnExit), "the stop-on-exit hook is removed once it is down");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void thePushRunsWhileTheEnvironmentGoesDownAndBothEndedWhenItReturns() {
        CountDownLatch pushing = new CountDownLatch(1);
        AtomicBoolean sawThePush = new AtomicBoolean();
        docker.beforeRemovingNetwork = network -> sawThePush.set(await(pushing));

        String pushed = start().alongside(() -> {
            pushing.countDown();
            return "pushed";
        }, log);

        assertEquals("pushed", pushed);
        assertTrue(sawThePush.get(), "the network's removal waited for the push to start: they did not overlap");
        assertDown();
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFailedPushIsThrownOnlyOnceTheEnvironmentIsDown() {
        EnvironmentFailure refused = new EnvironmentFailure("the registry answered 500");
        EnvironmentTeardown teardown = start();

        assertSame(refused, assertThrows(EnvironmentFailure.class, () -> teardown.alongside(() -> {
            throw refused;
        }, log)));
        assertDown();
        assertEquals(List.of(), warnings);
    }

    @Test
    void aTeardownFailureAfterASuccessfulPushIsOneWarningAndThePushStands() {
        docker.beforeRemovingNetwork = network -> {
            throw new EnvironmentFailure("cannot remove network " + network + ": endpoints still attached");
        };

        assertEquals("pushed", start().alongside(() -> "pushed", log));

        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.contains("endpoints still attached"), warning);
        assertTrue(warning.contains("label=io.turret.run=run-1") && warning.contains("docker network rm turret-shop-run-1"),
                warning);
        assertFalse(Runtime.getRuntime().removeShutdownHook(stopOnExit));
    }

    @Test
    void aTeardownFailureAfterAFailedPushIsSuppressedInThePushFailureAndWarnedOf() {
        EnvironmentFailure teardownFailure = new EnvironmentFailure("engine gone");
        docker.beforeRemovingNetwork = network -> {
            throw teardownFailure;
        };
        EnvironmentFailure refused = new EnvironmentFailure("the registry answered 500");
        EnvironmentTeardown teardown = start();

        EnvironmentFailure thrown = assertThrows(EnvironmentFailure.class, () -> teardown.alongside(() -> {
            throw refused;
        }, log));

        assertSame(refused, thrown);
        assertEquals(List.of(teardownFailure), List.of(thrown.getSuppressed()));
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void waitingForTheTeardownAloneThrowsItsFailure() {
        EnvironmentFailure teardownFailure = new EnvironmentFailure("engine gone");
        docker.beforeRemovingNetwork = network -> {
            throw teardownFailure;
        };

        EnvironmentTeardown teardown = start();

        assertSame(teardownFailure, assertThrows(EnvironmentFailure.class, teardown::await));
    }
}
