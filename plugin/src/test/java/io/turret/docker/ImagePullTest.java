package io.turret.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.Interrupted;
import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePullTest {
    private static final String WHERE = "<builder> 'go': ";
    private final FakeDocker docker = new FakeDocker();

    private void ensure() {
        ImagePull.ensure(docker, "registry.example/tools/go:1", WHERE, "go", Log.silent());
    }

    @Test
    void anImageTheEngineHasIsNotPulled() {
        docker.images.put("registry.example/tools/go:1", new EngineImage("sha256:" + "a".repeat(64), 1, List.of()));

        ensure();

        assertEquals(List.of(), docker.pulled);
    }

    @Test
    void aPullThatFailedForTheEnvironmentStaysTheEnvironmentsNamingTheBuilder() {
        docker.onPull = reference -> {
            throw new EnvironmentFailure("The registry registry.example could not be reached.");
        };

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, this::ensure);

        assertEquals(WHERE, failure.where());
        assertEquals("<builder> 'go': the image registry.example/tools/go:1 is not in the Docker engine and could not be"
                + " pulled (The registry registry.example could not be reached.); build or load it first, or fix <image>.",
                failure.getMessage());
    }

    @Test
    void aPullRefusedForTheUserStaysTheUsers() {
        docker.onPull = reference -> {
            throw new UserFailure("The registry refused the credential.");
        };

        UserFailure failure = assertThrows(UserFailure.class, this::ensure);

        assertEquals(WHERE, failure.where());
    }

    @Test
    void anInterruptedPullIsToldAsInterrupted() {
        Interrupted stop = new Interrupted("pulling registry.example/tools/go:1", new InterruptedException());
        docker.onPull = reference -> {
            throw stop;
        };

        assertEquals(stop, assertThrows(Interrupted.class, this::ensure));
    }
}
