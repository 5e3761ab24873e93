package io.turret.it.bench;

/**
 * What a lane's copy holds beyond the sample, for the scale scenarios of issue 23. The lane changes its copy to the
 * shape of the next scenario, and a release in another shape does not warm it up.
 */
enum ProjectShape {
    /** The sample as it is. */
    SAMPLE,
    /** The sample and {@link GeneratedServices#COUNT} small generated Go services, each its own binary and image. */
    MANY_SERVICES,
    /** The sample and {@link LargeTree#BYTES} bytes of files in its Go module that the Go tool passes over. */
    LARGE_TREE
}
