package io.turret.platform;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The platforms the user asked for, before the engine is known: {@code <platforms>}
 * ({@code turret.platforms}) and {@code <testedPlatforms>} ({@code turret.it.platforms}). Empty means
 * the default: the engine's own platform, and every platform that can be tested here.
 */
public record PlatformChoice(List<Platform> platforms, List<Platform> tested) {
    /** What a project that names no platform gets: the engine's own, as before platforms existed. */
    public static final PlatformChoice DEFAULT = new PlatformChoice(List.of(), List.of());

    public static final String PLATFORMS = "<platforms> (turret.platforms)";
    public static final String TESTED = "<testedPlatforms> (turret.it.platforms)";

    public PlatformChoice {
        platforms = List.copyOf(platforms);
        tested = List.copyOf(tested);
    }

    /** Reads the two comma-separated lists as the pom or the command line gives them; null or blank is the default. */
    public static PlatformChoice parse(String platforms, String tested) {
        return new PlatformChoice(list(platforms, PLATFORMS), list(tested, TESTED));
    }

    /**
     * The platforms for this engine, checked: every tested platform is one of the released ones. With no probe of the
     * engine's emulation, only the engine's own platform can be tested.
     */
    public ReleasePlatforms resolve(Platform engine) {
        return resolve(engine, EmulationProbe.NONE);
    }

    /**
     * The platforms for this engine, checked: every tested platform is one of the released ones. A platform other than
     * the engine's is tested when {@code emulation} says the engine runs it, or cannot see whether it does; by default
     * every released platform that can be is.
     */
    public ReleasePlatforms resolve(Platform engine, EmulationProbe emulation) {
        List<Platform> all = platforms.isEmpty() ? List.of(engine) : platforms;
        Map<Platform, EmulationCheck> checks = new LinkedHashMap<>();
        for (Platform platform : all) {
            if (!ReleasePlatforms.runs(engine, platform)) {
                checks.put(platform, emulation.check(platform));
            }
        }
        if (tested.isEmpty()) {
            return new ReleasePlatforms(all, engine, all.stream().filter(platform -> !checks.containsKey(platform)
                    || checks.get(platform).testable()).toList(), false, checks);
        }
        for (Platform platform : tested) {
            if (!all.contains(platform)) {
                throw new UserFailure(TESTED + " names " + platform + ", which is not one of the released platforms " + all
                        + " " + PLATFORMS + "; name only released platforms.");
            }
        }
        return new ReleasePlatforms(all, engine, tested, true, checks);
    }

    private static List<Platform> list(String text, String where) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        LinkedHashSet<Platform> platforms = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Platform platform;
            try {
                platform = Platform.parse(part.strip());
            } catch (IllegalArgumentException e) {
                throw new UserFailure(where + ": " + e.getMessage() + ".", e);
            }
            if (!platforms.add(platform)) {
                throw new UserFailure(where + " names " + platform + " twice; name each platform once.");
            }
        }
        return new ArrayList<>(platforms);
    }
}
