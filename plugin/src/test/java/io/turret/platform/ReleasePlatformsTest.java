package io.turret.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasePlatformsTest {
    private static final Platform AMD64 = Platform.of("linux", "amd64");
    private static final Platform ARM64 = Platform.of("linux", "arm64");
    private static final EmulationProbe QEMU = platform -> EmulationCheck.runs("qemu-aarch64 registered");
    private static final EmulationProbe NO_QEMU = platform -> EmulationCheck.cannot("binfmt_misc has no qemu-aarch64 entry;"
            + " install qemu-user-static");

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

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): release on an engine of that platform, or"
                + " leave linux/arm64 out of <testedPlatforms> (turret.it.platforms).", failure.getMessage());
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

    @Test
    void aPlatformTheEngineEmulatesIsTestedByDefault() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null).resolve(AMD64, QEMU);

        platforms.requireTestable();

        assertEquals(List.of(AMD64, ARM64), platforms.tested());
        assertEquals(List.of(ARM64), platforms.emulated());
        assertEquals(List.of(), platforms.untested());
        assertEquals("linux/amd64 natively, linux/arm64 under emulation (qemu-aarch64 registered)", platforms.testing());
    }

    @Test
    void aPlatformTheEngineCannotEmulateFailsInOneLineSayingWhatToInstall() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null).resolve(AMD64, NO_QEMU);

        UserFailure failure = assertThrows(UserFailure.class, platforms::requireTestable);

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): binfmt_misc has no qemu-aarch64 entry;"
                + " install qemu-user-static, or release it untested by naming the platforms tested here,"
                + " -Dturret.it.platforms=linux/amd64 (<testedPlatforms>).", failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    @Test
    void narrowedAPlatformTheEngineCannotEmulateIsReleasedUntestedWithoutAsking() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64").resolve(AMD64, NO_QEMU);

        platforms.requireTestable();

        assertEquals(List.of(ARM64), platforms.untested());
        assertEquals(List.of(), platforms.emulated());
    }

    @Test
    void aTestedPlatformTheEngineCannotEmulateIsRefusedSayingWhatToInstall() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/arm64").resolve(AMD64, NO_QEMU);

        UserFailure failure = assertThrows(UserFailure.class, platforms::requireTestable);

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): binfmt_misc has no qemu-aarch64 entry;"
                + " install qemu-user-static, or leave linux/arm64 out of <testedPlatforms> (turret.it.platforms).",
                failure.getMessage());
    }

    @Test
    void aPlatformWhoseEmulationCannotBeSeenIsLeftToTheTests() {
        EmulationProbe remote = EmulationProbe.unseen("the Docker engine at tcp://ci:2376 is not on this machine");
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null).resolve(AMD64, remote);

        platforms.requireTestable();

        assertEquals(List.of(ARM64), platforms.emulated());
        assertEquals("linux/amd64 natively, linux/arm64 under emulation, unchecked (the Docker engine at tcp://ci:2376 is not"
                + " on this machine; its first test container tells)", platforms.testing());
    }

    @Test
    void theEnginesOwnPlatformIsNeverProbed() {
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64", null).resolve(AMD64, platform -> {
            throw new AssertionError("probed " + platform);
        });

        platforms.requireTestable();

        assertEquals(List.of(), platforms.emulated());
        assertEquals("linux/amd64 natively", platforms.testing());
    }
}
