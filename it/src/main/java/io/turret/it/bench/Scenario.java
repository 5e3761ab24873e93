package io.turret.it.bench;

import java.util.List;

/**
 * What changed in the project before a measured release, and which platforms it releases: the
 * engine's own unless the scenario names several.
 */
enum Scenario {
    COLD("cold (empty registry and caches)", 0),
    NO_CHANGE("nothing changed", 0),
    GO_CHANGE("one Go change (a string the api prints)", 0),
    PYTHON_CHANGE("one Python change", 0),
    /** Before the layers: their warm-up releases bring the lanes back to one platform. */
    TWO_PLATFORMS_GO_CHANGE("one Go change, two platforms (both tested)", 0,
            List.of("linux/amd64", "linux/arm64")),
    LAYER_10M("nothing changed, 10 MiB layer", 10L << 20),
    LAYER_200M("nothing changed, 200 MiB layer", 200L << 20),
    LAYER_1G("nothing changed, 1 GiB layer", 1L << 30);

    private final String title;
    private final long layerBytes;
    private final List<String> platforms;

    Scenario(String title, long layerBytes) {
        this(title, layerBytes, List.of());
    }

    Scenario(String title, long layerBytes, List<String> platforms) {
        this.title = title;
        this.layerBytes = layerBytes;
        this.platforms = platforms;
    }

    /** The platforms released, as Docker names them; empty: the engine's own only, as in every scenario but one. */
    List<String> platforms() {
        return platforms;
    }

    /**
     * Whether the contender runs this scenario: a multi-platform one only the script and Turret (fabric8's plugin
     * needs buildx for it, which the engine here lacks; Turret's build before issue 21 releases one platform).
     */
    boolean runsWith(Contender contender) {
        return platforms.isEmpty() || contender == Contender.SCRIPT || contender == Contender.TURRET;
    }

    String title() {
        return title;
    }

    /** The size of the random layer added to the front end before the warm-up run; 0: none. */
    long layerBytes() {
        return layerBytes;
    }
}
