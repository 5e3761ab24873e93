package io.turret.maven.mojo;

import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.config.Configured;
import io.turret.image.ImagesJson;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import io.turret.itest.Waits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Override
    boolean goalSkipped() {
        return skipIntegrationTests;
    }

    @Override
    String goalSkipProperty() {
        return Properties.IT_SKIP;
    }

    /** The environment's settings, each service on the image images.json names. */
    EnvironmentSettings environmentSettings() {
        return environmentSettings(ImagesJson.imageIds(turretDirectory().resolve("images.json"))).requireServiceImages();
    }

    /** The environment's settings before the services' images are assembled: to start it ahead of them. */
    EnvironmentSettings environmentSettingsBeforeAssembly() {
        return environmentSettings(Map.of());
    }

    private EnvironmentSettings environmentSettings(Map<String, String> serviceImages) {
        BuildSettings build = buildSettings();
        List<TestContainerSpec> containers = (testContainers == null ? List.<TestContainer>of() : testContainers).stream()
                .map(EnvironmentMojo::container).toList();
        List<RunnerSpec> runnerSpecs = (runners == null ? List.<Runner>of() : runners).stream()
                .map(runner -> runner(runner, build)).toList();
        return new EnvironmentSettings(build, containers, runnerSpecs, serviceImages, keep);
    }

    private static TestContainerSpec container(TestContainer container) {
        String name = container.name == null || container.name.isBlank() ? container.service : container.name;
        String where = TestContainerSpec.where(name);
        List<Integer> ports = Configured.list(container.ports).stream().map(port -> Waits.port(port, where)).toList();
        Integer firstPort = ports.isEmpty() ? null : ports.get(0);
        Wait wait = container.waitFor == null ? new Wait() : container.waitFor;
        return new TestContainerSpec(name, container.service, container.image, container.command, container.environment,
                container.alias, ports, Waits.parse(wait.log, wait.port, wait.http, wait.status, wait.healthy, firstPort, where),
                Waits.timeout(wait.timeout, where), container.dependsOn);
    }

    private static RunnerSpec runner(Runner runner, BuildSettings build) {
        Optional<BuilderSpec> builder = runner.builder == null || runner.builder.isBlank() ? Optional.empty()
                : Optional.of(build.builder(runner.builder, "<runner> '" + runner.name + "'"));
        return new RunnerSpec(runner.name, builder, runner.image, runner.sources, runner.workingDirectory, runner.script,
                runner.environment, runner.excludes, runner.reports, BuilderSpec.timeout(runner.timeout));
    }
}
