package io.turret.itest;

import io.turret.builder.BuilderSpec;

/**
 * A test runner: a script container on the test network (sources copied in, the other containers'
 * addresses in its environment) whose {@code reports} folder's JUnit XML files are collected.
 *
 * @param builder the builder it takes its image, sources and caches from; null when it names an image
 */
public record RunnerSpec(BuilderSpec script, String reports, String builder) {
    public static final String DEFAULT_REPORTS = "/reports";

    public RunnerSpec {
        reports = reports == null || reports.isBlank() ? DEFAULT_REPORTS : reports.strip();
        if (!reports.startsWith("/")) {
            throw new io.turret.failure.UserFailure("<runner> '" + script.name() + "': <reports>" + reports
                    + "</reports> must be an absolute path in the container, e.g. <reports>/reports</reports>.");
        }
    }

    /** A runner of no builder. */
    public RunnerSpec(BuilderSpec script, String reports) {
        this(script, reports, null);
    }

    public String name() {
        return script.name();
    }

    /** Whose cache volumes it mounts: its builder's, so that a warm compiler cache is shared; else its own. */
    public String cacheOwner() {
        return builder == null ? script.name() : builder;
    }
}
