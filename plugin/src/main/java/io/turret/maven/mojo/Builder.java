package io.turret.maven.mojo;

import java.util.List;
import java.util.Map;

/**
 * A {@code <builder>} of the plugin configuration, as Maven fills it. It becomes a
 * {@link io.turret.builder.BuilderSpec}, checked, in {@link ConfigurationMapper}.
 */
public class Builder {
    /** Names the builder: its outputs land in {@code target/turret/build/NAME/}. */
    String name;

    /** The image the build runs in, taken from the engine, or pulled when it is not there. */
    String image;

    /** Project folders copied into the container, under the working directory, at the same relative paths. */
    List<String> sources = List.of();

    /** Where the sources land and the script runs; {@code /workspace} by default. */
    String workingDirectory;

    /** The commands that compile and test, run with {@code sh -ec}: the first failing one fails the build. */
    String script;

    /** Environment variables of the script. */
    Map<String, String> environment = Map.of();

    /** Absolute paths in the container whose content comes back into {@code target/turret/build/NAME/}. */
    List<String> outputs = List.of();

    /** Absolute paths in the container kept between runs in named volumes (a compiler's cache). */
    List<String> caches = List.of();

    /** The network the script may use: {@code none} (default), or a network's name when it must download. */
    String network;

    /** Glob patterns, relative to each source folder, of what stays out of the container. */
    List<String> excludes = List.of();

    /** Seconds the script may run before its container is stopped and the build fails; 1800 (30 minutes) by default. */
    Integer timeout;

    /**
     * Its outputs are the same for every platform (a Python app's sources, a static site): it runs once,
     * without the {@code TARGET*} variables, instead of once per platform of {@code <platforms>}.
     */
    boolean platformIndependent;
}
