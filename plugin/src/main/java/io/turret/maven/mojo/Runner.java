package io.turret.maven.mojo;

import java.util.List;
import java.util.Map;

/** A {@code <runner>}, as Maven fills it; it becomes an {@link io.turret.itest.RunnerSpec}. */
public class Runner {
    /** Names the runner: its report is {@code TEST-it-NAME.xml}, its log {@code it-NAME.log}. */
    String name;

    /** A builder whose image, sources, environment, caches and working directory the runner takes. */
    String builder;

    /** Or the image it runs in. */
    String image;

    /** Project folders copied in; the builder's by default. */
    List<String> sources = List.of();

    /** Where the sources land and the script runs; the builder's, else {@code /workspace}. */
    String workingDirectory;

    /** The test commands, run with {@code sh -ec}; a non-zero exit fails the integration tests. */
    String script;

    /** Environment variables, added to the builder's and to the test containers' addresses. */
    Map<String, String> environment = Map.of();

    /** Glob patterns of source files left out, added to the builder's. */
    List<String> excludes = List.of();

    /** The folder in the container whose JUnit XML files are collected; {@code /reports} by default. */
    String reports;

    /** Seconds the tests may run before the runner is stopped and fails; 1800 (30 minutes) by default, not the builder's. */
    Integer timeout;
}
