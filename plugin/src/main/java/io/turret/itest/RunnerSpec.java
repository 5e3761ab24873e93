package io.turret.itest;

import io.turret.build.BuilderSpec;

/**
 * A test runner: a script container on the test network (sources copied in, the other containers'
 * addresses in its environment) whose {@code reports} folder's JUnit XML files are collected.
 */
public record RunnerSpec(BuilderSpec script, String reports) {
    public static final String DEFAULT_REPORTS = "/reports";

    public RunnerSpec {
        reports = reports == null || reports.isBlank() ? DEFAULT_REPORTS : reports.strip();
        if (!reports.startsWith("/")) {
            throw new io.turret.failure.UserFailure("<runner> '" + script.name() + "': <reports>" + reports
                    + "</reports> must be an absolute path in the container, e.g. <reports>/reports</reports>.");
        }
    }

    public String name() {
        return script.name();
    }
}
