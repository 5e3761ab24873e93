package io.turret.platform;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.List;
import java.util.Objects;

/**
 * The platforms a run makes images for, on this engine, and which of them its tests run on.
 *
 * @param platforms every platform released, in the configured order
 * @param engine the engine's own platform: the one the test environment runs on natively
 * @param tested the platforms whose images the integration tests run
 * @param narrowed the user chose {@code tested} ({@code <testedPlatforms>}); otherwise it is every platform this engine runs
 */
public record ReleasePlatforms(List<Platform> platforms, Platform engine, List<Platform> tested, boolean narrowed) {
    public ReleasePlatforms {
        platforms = List.copyOf(platforms);
        tested = List.copyOf(tested);
        Objects.requireNonNull(engine, "engine");
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("no platform");
        }
    }

    public boolean several() {
        return platforms.size() > 1;
    }

    public List<Platform> untested() {
        return platforms.stream().filter(platform -> !tested.contains(platform)).toList();
    }

    /**
     * Refuses, in one line and before any work, a release whose images could not all be tested here:
     * a platform this engine cannot run, unless the user narrowed the tested platforms to leave it out,
     * and a tested platform this engine cannot run.
     */
    public void requireTestable() {
        // the seam of emulated testing: once qemu-user-static can run a platform, runs() says so and this passes
        for (Platform platform : tested) {
            if (!runs(engine, platform)) {
                throw new UserFailure("Cannot test " + platform + " here: this Docker engine runs " + engine + " and Turret"
                        + " does not test under emulation yet; name only " + engine + " in " + PlatformChoice.TESTED + ".");
            }
        }
        List<Platform> cannot = untested();
        if (!narrowed && !cannot.isEmpty()) {
            throw new UserFailure("Cannot test " + join(cannot) + " on this Docker engine (" + engine + "): release on an engine"
                    + " of that platform" + (tested.isEmpty() ? "." : ", or release it untested by naming the platforms tested"
                    + " here, -Dturret.it.platforms=" + join(tested) + " (<testedPlatforms>)."));
        }
    }

    /** The platform part of names and folders: {@code linux-arm64}, {@code linux-arm-v7}. */
    public static String folder(Platform platform) {
        return platform.toString().replace('/', '-');
    }

    /** Whether this engine runs images of {@code platform} natively; a variant counts only when both name one. */
    static boolean runs(Platform engine, Platform platform) {
        return engine.os().equals(platform.os()) && engine.architecture().equals(platform.architecture())
                && (engine.variant().isEmpty() || platform.variant().isEmpty() || engine.variant().equals(platform.variant()));
    }

    private static String join(List<Platform> platforms) {
        return String.join(",", platforms.stream().map(Platform::toString).toList());
    }
}
