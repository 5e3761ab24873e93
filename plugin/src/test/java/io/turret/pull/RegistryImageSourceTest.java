package io.turret.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.docker.EngineImage;
import io.turret.docker.FakeDocker;
import io.turret.docker.ImageSource;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import io.turret.report.RecordingLog;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the engine's own pull is used instead of Turret's client (the client's path runs against real registries in it/). */
class RegistryImageSourceTest {
    /** Nothing listens on port 1 of loopback: the client cannot reach it. */
    private static final String UNREACHABLE = "127.0.0.1:1";

    @TempDir
    Path downloads;

    private final List<String> asked = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();

    private void fetch(FakeDocker docker, String reference) {
        Registries registries = host -> {
            asked.add(host);
            return RegistryClient.open(host, true, RegistryTrust.plainHttp(), Optional.empty(), new RetryPolicy(1, Duration.ZERO),
                    Log.silent());
        };
        new RegistryImageSource(registries, "registry.example:5000", downloads, log).fetch(reference, engine(docker));
    }

    /** The engine as an image source sees it; its own pull is the fake's. */
    private static ImageSource.Engine engine(FakeDocker docker) {
        return new ImageSource.Engine() {
            @Override
            public Optional<EngineImage> inspectImage(String reference) {
                return docker.inspectImage(reference);
            }

            @Override
            public void loadImage(InputStream archive) {
                docker.loadImage(archive);
            }

            @Override
            public void tagImage(String imageId, String reference) {
                docker.tagImage(imageId, reference);
            }

            @Override
            public void pull(String reference) {
                docker.pullImage(reference);
            }
        };
    }

    @Test
    void aNamePinnedByDigestIsPulledByTheEngineWhichAloneRecordsIt() {
        FakeDocker docker = new FakeDocker();
        String pinned = UNREACHABLE + "/tools/go@sha256:" + "0".repeat(64);

        fetch(docker, pinned);

        assertEquals(List.of(pinned), docker.pulled);
        assertEquals(List.of(), asked, "the registry was not asked");
    }

    @Test
    void aRegistryThatCannotBeReachedFromHereIsLeftToTheEngine() {
        FakeDocker docker = new FakeDocker();

        fetch(docker, UNREACHABLE + "/tools/go:1");

        assertEquals(List.of(UNREACHABLE), asked);
        assertEquals(List.of(UNREACHABLE + "/tools/go:1"), docker.pulled);
        assertTrue(log.infos.get(0).startsWith("Fetching " + UNREACHABLE + "/tools/go:1 failed (The registry " + UNREACHABLE
                + " could not be reached"), log.infos.toString());
    }

    @Test
    void whenTheEngineFailsTooBothReasonsAreTold() {
        FakeDocker docker = new FakeDocker();
        docker.onPull = reference -> {
            throw new EnvironmentFailure("the engine said: no route to host");
        };

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, () -> fetch(docker, UNREACHABLE
                + "/tools/go:1"));

        assertTrue(failure.getMessage().startsWith("Turret's registry client: The registry " + UNREACHABLE), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("The Docker engine: the engine said: no route to host"), failure.getMessage());
    }

    @Test
    void whenTheEngineRefusesForTheUserTheFailureIsTheUsers() {
        FakeDocker docker = new FakeDocker();
        docker.onPull = reference -> {
            throw new UserFailure("the engine said: unauthorized: authentication required");
        };

        UserFailure failure = assertThrows(UserFailure.class, () -> fetch(docker, UNREACHABLE + "/tools/go:1"));

        assertTrue(failure.getMessage().startsWith("Turret's registry client: The registry " + UNREACHABLE), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("The Docker engine: the engine said: unauthorized: authentication required"),
                failure.getMessage());
    }
}
