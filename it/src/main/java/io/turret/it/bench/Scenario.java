package io.turret.it.bench;

/** What changed in the project before a measured release. */
enum Scenario {
    COLD("cold (empty registry and caches)", 0),
    NO_CHANGE("nothing changed", 0),
    GO_CHANGE("one Go change (a string the api prints)", 0),
    PYTHON_CHANGE("one Python change", 0),
    LAYER_10M("nothing changed, 10 MiB layer", 10L << 20),
    LAYER_200M("nothing changed, 200 MiB layer", 200L << 20),
    LAYER_1G("nothing changed, 1 GiB layer", 1L << 30);

    private final String title;
    private final long layerBytes;

    Scenario(String title, long layerBytes) {
        this.title = title;
        this.layerBytes = layerBytes;
    }

    String title() {
        return title;
    }

    /** The size of the random layer added to the front end before the warm-up run; 0: none. */
    long layerBytes() {
        return layerBytes;
    }
}
