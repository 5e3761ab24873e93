package io.turret.it.bench;

/**
 * The ways of releasing the sample that the benchmark compares: the first three always (unless
 * {@code bench.contenders} names fewer), the fourth when {@code bench.turretBefore} names the local
 * repository of another build of Turret, to compare two builds.
 */
enum Contender {
    SCRIPT("script", "bench-script", "the team's script"),
    FABRIC8("fabric8 dmp 0.46.0", "bench-dmp", "fabric8's docker-maven-plugin"),
    TURRET("turret:release", "bench-turret", "turret:release"),
    TURRET_BEFORE("turret:release (before)", "bench-turret-before", "turret:release before the change");

    private final String title;
    private final String namespace;
    private final String heading;

    Contender(String title, String namespace, String heading) {
        this.title = title;
        this.namespace = namespace;
        this.heading = heading;
    }

    String title() {
        return title;
    }

    /** How results.md's title names it. */
    String heading() {
        return heading;
    }

    /** The registry namespace (and engine image prefix) of this contender's images. */
    String namespace() {
        return namespace;
    }

    /** Either build of Turret: the same lane, the plugin from another local repository for the one before. */
    boolean turret() {
        return this == TURRET || this == TURRET_BEFORE;
    }

    /** The artifactId of a Turret lane's copy: its containers and cache volumes are that lane's alone. */
    String turretProject() {
        return this == TURRET_BEFORE ? "turret-before-bench" : Lane.TURRET_PROJECT;
    }

    /** Named volumes holding this contender's Go build cache: removed for a cold run. */
    boolean ownsVolume(String volume) {
        return switch (this) {
            case SCRIPT -> volume.equals("bench-script-go-cache");
            case FABRIC8 -> volume.equals("bench-dmp-go-cache");
            case TURRET, TURRET_BEFORE -> volume.startsWith("turret-" + turretProject() + "-");
        };
    }
}
