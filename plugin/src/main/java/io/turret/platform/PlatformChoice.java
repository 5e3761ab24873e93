package io.turret.platform;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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

    /** The platforms for this engine, checked: every tested platform is one of the released ones. */
    public ReleasePlatforms resolve(Platform engine) {
        List<Platform> all = platforms.isEmpty() ? List.of(engine) : platforms;
        if (tested.isEmpty()) {
            return new ReleasePlatforms(all, engine, all.stream().filter(platform -> ReleasePlatforms.runs(engine, platform))
                    .toList(), false);
        }
        for (Platform platform : tested) {
            if (!all.contains(platform)) {
                throw new UserFailure(TESTED + " names " + platform + ", which is not one of the released platforms " + all
                        + " " + PLATFORMS + "; name only released platforms.");
            }
        }
        return new ReleasePlatforms(all, engine, tested, true);
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
