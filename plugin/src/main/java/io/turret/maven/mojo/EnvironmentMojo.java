package io.turret.maven.mojo;

import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.config.Configured;
import io.turret.image.ImagesJson;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import io.turret.itest.Waits;
import io.turret.oci.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    private EnvironmentSettings environmentSettings(Map<String, Digest> serviceImages) {
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
        String where = "<runner> '" + runner.name + "'";
        BuilderSpec builder = runner.builder == null || runner.builder.isBlank() ? null : build.builder(runner.builder, where);
        Map<String, String> environment = new LinkedHashMap<>(builder == null ? Map.of() : builder.environment());
        environment.putAll(Configured.map(runner.environment));
        List<String> sources = Configured.list(runner.sources).isEmpty() && builder != null ? builder.sources() : runner.sources;
        String workingDirectory = runner.workingDirectory == null && builder != null ? builder.workingDirectory()
                : runner.workingDirectory;
        List<String> excludes = Stream.concat(builder == null ? Stream.of() : builder.excludes().stream(),
                Configured.list(runner.excludes).stream()).toList();
        BuilderSpec script = new BuilderSpec(runner.name, builder == null ? runner.image : builder.image(), sources,
                workingDirectory, runner.script, environment, List.of(), builder == null ? List.of() : builder.caches(), null,
                excludes, BuilderSpec.timeout(runner.timeout));
        return new RunnerSpec(script, runner.reports, builder == null ? null : builder.name());
    }
}
