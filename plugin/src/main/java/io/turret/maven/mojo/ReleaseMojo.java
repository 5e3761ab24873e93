package io.turret.maven.mojo;

import io.turret.builder.BuildListener;
import io.turret.builder.BuildResult;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.builder.Builds;
import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.Assemblies;
import io.turret.image.AssemblyQueue;
import io.turret.itest.EnvironmentAhead;
import io.turret.itest.IntegrationTests;
import io.turret.parallel.Alongside;
import io.turret.registry.RegistryClient;
import io.turret.reuse.ContentKeys;
import io.turret.run.Liveness;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The release: checks the registry (TLS and the credential first; push access while the builders
 * run, which a refusal stops), then build, assemble, integration tests and, only when all of them
 * passed, the push of every image with the suffix. Stops at the first failure; writes
 * {@code target/turret/release.json} and ends with a table of what was pushed.
 */
@Mojo(name = "release", threadSafe = true)
public class ReleaseMojo extends EnvironmentMojo {
    static final String SKIPPED_TESTS = "turret:release always runs its integration tests, and -D" + Properties.IT_SKIP
            + "=true would skip them: drop -D" + Properties.IT_SKIP + " (<skipIntegrationTests>) to release, or skip the whole"
            + " release with -D" + Properties.SKIP + "=true.";

    @Override
    String goal() {
        return "release";
    }

    /** A release never skips its tests: turret.it.skip, which skips start, integration-test and stop, does not skip it. */
    @Override
    boolean goalSkipped() {
        return false;
    }

    @Override
    void run() {
        if (skipIntegrationTests) {
            throw new UserFailure(SKIPPED_TESTS);
        }
        BuildSettings build = buildSettings();
        AssembleSettings images = assembleSettings();
        // a large project file in a layer is hashed while the registry is checked and the builders run
        ContentKeys projectFiles = Assemblies.hashProjectFilesAhead(images);
        RegistryClient registry = registryClient();
        // a registry that cannot be trusted or refuses the credential stops the release before any build
        registry.ping();
        Alongside pushAccess = Alongside.start("turret-registry-check", () -> checkPushAccess(registry));
        DockerAccess docker = docker();
        MavenLog log = new MavenLog(getLog());
        Liveness liveness = liveness();
        try (RunResources run = openRun(docker, liveness)) {
            IntegrationTests integrationTests = new IntegrationTests(docker, log, liveness, reuse());
            // each service is assembled as soon as its builders passed, while the others still build; once a builder
            // runs (its inputs changed), the test environment starts too, each container as soon as its image is ready
            try (AssemblyQueue assemblies = new Assemblies(docker, log, registries(), rerun).queue(images,
                    projectFiles);
                    EnvironmentAhead environment = integrationTests.ahead(environmentSettingsBeforeAssembly(), run,
                            assemblies::imageId)) {
                pushAccess.run(() -> new Builds(docker, log, reuse()).runAll(build, run, new BuildListener() {
                    @Override
                    public void starting(BuilderSpec builder) {
                        environment.begin();
                    }

                    @Override
                    public void passed(BuildResult result) {
                        assemblies.builderPassed(result.builder());
                    }
                }));
                pushAccess.await();
                assemblies.finish();
                // the push starts once the verdict is known, while the test environment goes down
                integrationTests.run(environmentSettings(), run, () -> pushAndRecord(registry, build.threads()), environment);
            }
        }
    }
}
