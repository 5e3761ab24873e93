package io.turret.it.bench;

import java.util.List;

/**
 * What changed in the project before a measured release, which platforms it releases (the engine's own unless the
 * scenario names several) and the shape of the project (the sample, or the sample made bigger for a scale scenario).
 */
enum Scenario {
    COLD("cold (empty registry and caches)", 0),
    NO_CHANGE("nothing changed", 0),
    GO_CHANGE("one Go change (a string the api prints)", 0),
    PYTHON_CHANGE("one Python change", 0),
    /** Before the layers: their warm-up releases bring the lanes back to one platform. */
    TWO_PLATFORMS_GO_CHANGE("one Go change, two platforms (both tested)", 0,
            List.of("linux/amd64", "linux/arm64")),
    /**
     * Issue 23's many services: the sample and 20 small generated Go services ({@link GeneratedServices}), one of them
     * changed (a string it prints, as {@link #GO_CHANGE} changes the api's). Each contender does the same work for them
     * as for the api: the one Go builder run vets, tests and compiles them with the rest of the module; each gets an
     * image of its own (the static binary on scratch: Turret assembles it, the script runs {@code docker build} of
     * {@code bench/docker/generated.Dockerfile} with a context of that binary alone); each is started in the test
     * environment, which waits for its log line (Turret's {@code <testContainers>}, the script's {@code docker run});
     * each image is pushed. Turret's copy gets the services and containers in its pom; the script reads their names
     * from the file {@link GeneratedServices#LIST} in its copy. Only the script and Turret run it: fabric8's pom can get
     * an image each ({@link GeneratedServices#withFabric8Images}), but that lane has not been run end to end yet.
     */
    MANY_SERVICES("one Go change, 24 services (20 generated)", ProjectShape.MANY_SERVICES),
    /**
     * Issue 23's large source tree: {@link LargeTree#BYTES} bytes of generated files (vendored-like Go code and binary
     * test data, a few thousand files) in {@code go/testdata/}, where {@code go vet ./...} and {@code go test ./...} do
     * not look, and the change of {@link #GO_CHANGE}. The script mounts the module into its Go builder as before; Turret
     * takes the module as its builder's sources, as always. Every contender runs it.
     */
    LARGE_TREE("one Go change, 200 MiB more in the Go module", ProjectShape.LARGE_TREE),
    LAYER_10M("nothing changed, 10 MiB layer", 10L << 20),
    LAYER_200M("nothing changed, 200 MiB layer", 200L << 20),
    LAYER_1G("nothing changed, 1 GiB layer", 1L << 30);

    private final String title;
    private final long layerBytes;
    private final List<String> platforms;
    private final ProjectShape shape;

    Scenario(String title, long layerBytes) {
        this(title, layerBytes, List.of(), ProjectShape.SAMPLE);
    }

    Scenario(String title, long layerBytes, List<String> platforms) {
        this(title, layerBytes, platforms, ProjectShape.SAMPLE);
    }

    Scenario(String title, ProjectShape shape) {
        this(title, 0, List.of(), shape);
    }

    Scenario(String title, long layerBytes, List<String> platforms, ProjectShape shape) {
        this.title = title;
        this.layerBytes = layerBytes;
        this.platforms = platforms;
        this.shape = shape;
    }

    /** The platforms released, as Docker names them; empty: the engine's own only, as in every scenario but one. */
    List<String> platforms() {
        return platforms;
    }

    /** What the lane's copy holds for this scenario: the sample, or more for a scale scenario. */
    ProjectShape shape() {
        return shape;
    }

    /**
     * Whether the contender runs this scenario: a multi-platform one only the script and Turret (fabric8's plugin
     * needs buildx for it, which the engine here lacks; Turret's build before issue 21 releases one platform); the
     * many services every contender but fabric8's (see {@link #MANY_SERVICES}).
     */
    boolean runsWith(Contender contender) {
        if (!platforms.isEmpty()) {
            return contender == Contender.SCRIPT || contender == Contender.TURRET;
        }
        return shape != ProjectShape.MANY_SERVICES || contender != Contender.FABRIC8;
    }

    String title() {
        return title;
    }

    /** The size of the random layer added to the front end before the warm-up run; 0: none. */
    long layerBytes() {
        return layerBytes;
    }
}
