package io.turret.it.bench;

/** The three ways of releasing the sample that the benchmark compares. */
enum Contender {
    SCRIPT("script", "bench-script"),
    FABRIC8("fabric8 dmp 0.46.0", "bench-dmp"),
    TURRET("turret:release", "bench-turret");

    private final String title;
    private final String namespace;

    Contender(String title, String namespace) {
        this.title = title;
        this.namespace = namespace;
    }

    String title() {
        return title;
    }

    /** The registry namespace (and engine image prefix) of this contender's images. */
    String namespace() {
        return namespace;
    }

    /** Named volumes holding this contender's Go build cache: removed for a cold run. */
    boolean ownsVolume(String volume) {
        return switch (this) {
            case SCRIPT -> volume.equals("bench-script-go-cache");
            case FABRIC8 -> volume.equals("bench-dmp-go-cache");
            case TURRET -> volume.startsWith("turret-" + Lane.TURRET_PROJECT + "-");
        };
    }
}
