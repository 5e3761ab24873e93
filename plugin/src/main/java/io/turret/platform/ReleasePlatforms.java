package io.turret.platform;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platforms a run makes images for, on this engine, and which of them its tests run on.
 *
 * @param platforms every platform released, in the configured order
 * @param engine the engine's own platform: the one the test environment runs on natively
 * @param tested the platforms whose images the integration tests run
 * @param narrowed the user chose {@code tested} ({@code <testedPlatforms>}); otherwise it is every platform this engine runs
 * @param emulation what the engine's emulation probe said of each released platform that is not the engine's own
 */
public record ReleasePlatforms(List<Platform> platforms, Platform engine, List<Platform> tested, boolean narrowed,
        Map<Platform, EmulationCheck> emulation) {
    public ReleasePlatforms {
        platforms = List.copyOf(platforms);
        tested = List.copyOf(tested);
        emulation = Collections.unmodifiableMap(new LinkedHashMap<>(emulation));
        Objects.requireNonNull(engine, "engine");
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("no platform");
        }
    }

    /** The platforms of an engine without emulation: only its own runs. */
    public ReleasePlatforms(List<Platform> platforms, Platform engine, List<Platform> tested, boolean narrowed) {
        this(platforms, engine, tested, narrowed, Map.of());
    }

    public boolean several() {
        return platforms.size() > 1;
    }

    public List<Platform> untested() {
        return platforms.stream().filter(platform -> !tested.contains(platform)).toList();
    }

    /** The tested platforms that run under emulation, not natively: their test environment starts each service so. */
    public List<Platform> emulated() {
        return tested.stream().filter(platform -> !runs(engine, platform)).toList();
    }

    /** What the probe said of running {@code platform} on this engine; empty for a platform it runs natively. */
    public Optional<EmulationCheck> emulation(Platform platform) {
        return Optional.ofNullable(emulation.get(platform));
    }

    /**
     * How each tested platform runs, for the log: {@code linux/amd64 natively, linux/arm64 under emulation (qemu-aarch64
     * registered with binfmt_misc (flags PF))}; a platform whose emulation could not be seen says why, and that its
     * first test container tells.
     */
    public String testing() {
        return String.join(", ", tested.stream().map(platform -> emulation(platform).map(check -> switch (check.status()) {
            case RUNS -> platform + " under emulation (" + check.detail() + ")";
            case UNSEEN -> platform + " under emulation, unchecked (" + check.detail() + "; its first test container tells)";
            case CANNOT -> platform + " not at all (" + check.detail() + ")";
        }).orElse(platform + " natively")).toList());
    }

    /**
     * Refuses, in one line and before any work, a release whose images could not all be tested here:
     * a platform this engine cannot run, natively or emulated, unless the user narrowed the tested
     * platforms to leave it out, and a tested platform this engine cannot run. The line says what to install.
     */
    public void requireTestable() {
        for (Platform platform : tested) {
            Optional<EmulationCheck> check = emulation(platform);
            if (!runs(engine, platform) && (check.isEmpty() || !check.get().testable())) {
                throw new UserFailure("Cannot test " + platform + " on this Docker engine (" + engine + "): "
                        + check.map(EmulationCheck::detail).orElse(Qemu.install(platform)) + ", or leave " + platform
                        + " out of " + PlatformChoice.TESTED + ".");
            }
        }
        List<Platform> cannot = untested();
        if (!narrowed && !cannot.isEmpty()) {
            String why = String.join("; ", cannot.stream().map(platform -> emulation(platform)
                    .map(EmulationCheck::detail).orElse(Qemu.install(platform))).distinct().toList());
            throw new UserFailure("Cannot test " + join(cannot) + " on this Docker engine (" + engine + "): " + why
                    + (tested.isEmpty() ? "." : ", or release it untested by naming the platforms tested here,"
                    + " -Dturret.it.platforms=" + join(tested) + " (<testedPlatforms>)."));
        }
    }

    /** The platform part of names and folders: {@code linux-arm64}, {@code linux-arm-v7}. */
    public static String folder(Platform platform) {
        return platform.toString().replace('/', '-');
    }

    /** Whether this engine runs images of {@code platform} natively; a variant counts only when both name one. */
    public static boolean runs(Platform engine, Platform platform) {
        return engine.os().equals(platform.os()) && engine.architecture().equals(platform.architecture())
                && (engine.variant().isEmpty() || platform.variant().isEmpty() || engine.variant().equals(platform.variant()));
    }

    private static String join(List<Platform> platforms) {
        return String.join(",", platforms.stream().map(Platform::toString).toList());
    }
}
