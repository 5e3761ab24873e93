package io.turret.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformChoiceTest {
    private static final Platform AMD64 = Platform.of("linux", "amd64");
    private static final Platform ARM64 = Platform.of("linux", "arm64");

    @Test
    void noPlatformNamedIsTheEnginesOwnTested() {
        ReleasePlatforms platforms = PlatformChoice.parse(null, " ").resolve(ARM64);

        assertEquals(List.of(ARM64), platforms.platforms());
        assertEquals(List.of(ARM64), platforms.tested());
        assertFalse(platforms.several());
        platforms.requireTestable();
    }

    @Test
    void readsACommaSeparatedListInItsOrder() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/arm64, linux/amd64", null).resolve(AMD64);

        assertEquals(List.of(ARM64, AMD64), platforms.platforms());
        assertEquals(List.of(AMD64), platforms.tested());
        assertEquals(List.of(ARM64), platforms.untested());
        assertTrue(platforms.several());
    }

    @Test
    void refusesAPlatformThatIsNotOneNamingTheProperty() {
        UserFailure failure = assertThrows(UserFailure.class, () -> PlatformChoice.parse("linux/amd64,arm64", null));

        assertTrue(failure.getMessage().startsWith("<platforms> (turret.platforms): 'arm64' is not a platform"),
                failure.getMessage());
    }

    @Test
    void refusesAPlatformNamedTwice() {
        UserFailure failure = assertThrows(UserFailure.class, () -> PlatformChoice.parse("linux/amd64,linux/amd64", null));

        assertEquals("<platforms> (turret.platforms) names linux/amd64 twice; name each platform once.", failure.getMessage());
    }

    @Test
    void refusesATestedPlatformThatIsNotReleased() {
        PlatformChoice choice = PlatformChoice.parse("linux/amd64", "linux/arm64");

        UserFailure failure = assertThrows(UserFailure.class, () -> choice.resolve(AMD64));

        assertTrue(failure.getMessage().startsWith("<testedPlatforms> (turret.it.platforms) names linux/arm64, which is not"),
                failure.getMessage());
    }
}
