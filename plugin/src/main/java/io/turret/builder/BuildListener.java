package io.turret.builder;

/** Told of each builder's progress, from the builders' threads, while the others may still run. */
public interface BuildListener {
    BuildListener NONE = new BuildListener() {
    };

    /** The builder's inputs are not those of a run that passed: its container is about to start. */
    default void starting(BuilderSpec builder) {
    }

    /** The builder passed, or reused the outputs of a run that did. */
    default void passed(BuildResult result) {
    }
}
