package io.turret.maven.mojo;

/**
 * A {@code <layer>} of a service, as Maven fills it. It becomes a {@link io.turret.image.LayerSpec}.
 */
public class Layer {
    /** The builder whose output the layer takes; without it, the layer takes a project folder or file. */
    String builder;

    /** The file or folder, relative to the builder's output ({@code target/turret/build/BUILDER/}) or the project. */
    String path;

    /** The absolute path in the image: a file lands there (or in it, when it ends with '/'), a folder's content under it. */
    String into;

    /** Octal mode of the layer's files, e.g. {@code 755}; by default 755 for executables and 644 for the rest. */
    String mode;
}
