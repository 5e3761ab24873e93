package io.turret.push;

import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.util.Collections;
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
 * @param anyPlatform service → the image id tested, whatever its platform: what tested.json records
 */
public record TestedIds(Map<Platform, Map<String, Digest>> byPlatform, List<Platform> untested,
        Optional<Map<String, Digest>> anyPlatform) {
    public TestedIds {
        Map<Platform, Map<String, Digest>> copy = new LinkedHashMap<>();
        byPlatform.forEach((platform, ids) -> copy.put(platform, Map.copyOf(ids)));
        byPlatform = Collections.unmodifiableMap(copy);
        untested = List.copyOf(untested);
        anyPlatform = anyPlatform.map(Map::copyOf);
    }

    /** The verdicts of a release, one per tested platform. */
    public TestedIds(Map<Platform, Map<String, Digest>> byPlatform, List<Platform> untested) {
        this(byPlatform, untested, Optional.empty());
    }

    /** One verdict, for whatever platform the images are of: what tested.json records. */
    public static TestedIds anyPlatform(Map<String, Digest> tested) {
        return new TestedIds(Map.of(), List.of(), Optional.of(tested));
    }

    /** The id the tests ran of the service's image for {@code platform}. */
    Optional<Digest> of(String service, Platform platform) {
        return Optional.ofNullable(on(platform).get(service));
    }

    /** Service → the image id the test environment ran on {@code platform}; empty when it did not run there. */
    public Map<String, Digest> on(Platform platform) {
        return anyPlatform.orElseGet(() -> byPlatform.getOrDefault(platform, Map.of()));
    }

    /** Whether {@code platform} is released untested, as the user chose. */
    boolean untested(Platform platform) {
        return untested.contains(platform);
    }
}
