package io.turret.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasePlatformsTest {
    private static final Platform AMD64 = Platform.of("linux", "amd64");

    @Test
    void aPlatformThisEngineCannotRunFailsInOneLineSayingHowToNarrow() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null).resolve(AMD64);

        UserFailure failure = assertThrows(UserFailure.class, platforms::requireTestable);

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): release on an engine of that platform, or"
                + " release it untested by naming the platforms tested here, -Dturret.it.platforms=linux/amd64"
                + " (<testedPlatforms>).", failure.getMessage());
        assertTrue(!failure.getMessage().contains("\n"));
    }

    @Test
    void narrowedToTheNativePlatformTheOtherIsReleasedUntested() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64").resolve(AMD64);

        platforms.requireTestable();

        assertEquals(List.of(AMD64), platforms.tested());
        assertEquals(List.of(Platform.of("linux", "arm64")), platforms.untested());
    }

    @Test
    void aTestedPlatformThisEngineCannotRunIsRefused() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/arm64").resolve(AMD64);

        UserFailure failure = assertThrows(UserFailure.class, platforms::requireTestable);

        assertTrue(failure.getMessage().startsWith("Cannot test linux/arm64 here: this Docker engine runs linux/amd64"),
                failure.getMessage());
    }

    @Test
    void onlyAPlatformOfAnotherEngineSaysToReleaseThere() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/arm64", null).resolve(AMD64);

        UserFailure failure = assertThrows(UserFailure.class, platforms::requireTestable);

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): release on an engine of that platform.",
                failure.getMessage());
    }

    @Test
    void aVariantMatchesAnEngineThatNamesNone() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/arm64/v8", null).resolve(Platform.of("linux", "arm64"));

        platforms.requireTestable();
    }

    @Test
    void aPlatformsFolderNameHasNoSlash() {
        assertEquals("linux-arm-v7", ReleasePlatforms.folder(Platform.parse("linux/arm/v7")));
    }
}
