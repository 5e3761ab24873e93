package io.turret.maven.mojo;

import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** What turret:start, turret:stop and turret:integration-test share: the test environment and its runners. */
abstract class EnvironmentMojo extends ImageMojo {
    /** The containers of the test environment, on one network per run. */
    @Parameter
    List<TestContainer> testContainers = List.of();

    /** The test runners: script containers on the test network. */
    @Parameter
    List<Runner> runners = List.of();

    /** Leaves the test environment up at the end, for debugging, and says how to remove it. */
    @Parameter(property = Properties.KEEP, defaultValue = "false")
    boolean keep;

    /** Skips turret:start, turret:integration-test and turret:stop. */
    @Parameter(property = Properties.IT_SKIP, defaultValue = "false")
    boolean skipIntegrationTests;
}
