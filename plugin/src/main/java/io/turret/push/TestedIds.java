package io.turret.push;

import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image ids the integration tests ran, per platform, and the platforms the user chose to release untested
 * ({@code <testedPlatforms>}): a push refuses every other image.
 *
 * @param byPlatform platform → service → the image id tested on that platform
 * @param untested the platforms released without being tested
 */
public record TestedIds(Map<Platform, Map<String, Digest>> byPlatform, List<Platform> untested) {
    public TestedIds {
        Map<Platform, Map<String, Digest>> copy = new LinkedHashMap<>();
        byPlatform.forEach((platform, ids) -> copy.put(platform, Map.copyOf(ids)));
        byPlatform = java.util.Collections.unmodifiableMap(copy);
        untested = List.copyOf(untested);
    }

    /** One verdict, for whatever platform the images are of: what tested.json records. */
    public static TestedIds anyPlatform(Map<String, Digest> tested) {
        return new TestedIds(Map.of(ANY, tested), List.of());
    }

    private static final Platform ANY = Platform.of("any", "any");

    /** The id the tests ran of the service's image for {@code platform}. */
    Optional<Digest> of(String service, Platform platform) {
        Map<String, Digest> ids = byPlatform.containsKey(ANY) ? byPlatform.get(ANY) : byPlatform.getOrDefault(platform, Map.of());
        return Optional.ofNullable(ids.get(service));
    }

    /** Whether {@code platform} is released untested, as the user chose. */
    boolean untested(Platform platform) {
        return untested.contains(platform);
    }
}
