package io.turret.goal;

import io.turret.builder.BuildListener;
import io.turret.builder.BuildResult;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.builder.Builds;
import io.turret.docker.DockerAccess;
import io.turret.docker.RunResources;
import io.turret.evidence.ReleaseFacts;
import io.turret.image.AssembleSettings;
import io.turret.image.AssembledImage;
import io.turret.image.Assemblies;
import io.turret.image.AssemblyQueue;
import io.turret.itest.EnvironmentAhead;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.itest.Verdict;
import io.turret.oci.Platform;
import io.turret.parallel.Ahead;
import io.turret.parallel.Alongside;
import io.turret.platform.ReleasePlatforms;
import io.turret.push.PushedImage;
import io.turret.push.TestedIds;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.oci.Digest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * turret:release: checks the registry (TLS and the credential first; push access while the builders
 * run, which a refusal stops), then build, assemble, integration tests and, only when all of them
 * passed, the push of every image with the suffix. Stops at the first failure. Each stage hands
 * the next what it made: the assembled images to the tests, the verdict to the push. Ends with the
 * deployment files of the suffix (turret:deploy-files). With several platforms: each service's image
 * for each platform, the integration tests once per tested platform, and each service's index pushed.
 *
 * @param environment the test environment as configured, before the images are assembled
 * @param repositories each service's repository, by the service's name, in the pom's order
 */
public record ReleasePipeline(BuildSettings build, AssembleSettings images, EnvironmentSettings environment,
        Map<String, String> repositories) implements Goal {
    @Override
    public void run(RunContext context) {
        Instant started = Instant.now();
        // the engine is asked for its platform and emulation while the registry is pinged
        Ahead<ReleasePlatforms> platformsAhead = Ahead.start("turret-platforms", () -> context.platforms(build.platforms()));
        // a large project file in a layer is hashed while the registry is checked and the builders run
        ContentKeys projectFiles = Assemblies.hashProjectFilesAhead(images, context.log());
        ReleaseRegistry release = new ReleaseRegistry(context, images.naming());
        RegistryClient registry = release.client();
        // a registry that cannot be trusted or refuses the credential stops the release before any build
        registry.ping();
        // a platform that cannot be tested here stops the release before anything is built or pushed
        ReleasePlatforms platforms = platformsAhead.get();
        platforms.requireTestable();
        if (platforms.several()) {
            context.log().info("Releasing " + platforms.platforms() + "; testing " + platforms.testing());
        }
        Alongside pushAccess = Alongside.start("turret-registry-check", () -> release.checkPushAccess(registry, repositories));
        DockerAccess docker = context.engine();
        Log log = context.log();
        List<PushedImage> pushed = new CopyOnWriteArrayList<>();
        try (projectFiles; RunResources run = context.openRun()) {
            IntegrationTests integrationTests = new IntegrationTests(docker, log, context.liveness(), context.reuse());
            // each service is assembled as soon as its builders passed, while the others still build; once a builder
            // runs (its inputs changed), the test environment starts too, each container as soon as its image is ready
            List<Platform> tested = platforms.tested();
            try (AssemblyQueue assemblies = new Assemblies(docker, log, context.registries(), context.settings().reuse().rerun())
                    .queue(images, projectFiles);
                    EnvironmentAhead ahead = integrationTests.ahead(environment.withPlatform(tested.get(0)), run,
                            service -> assemblies.imageId(service, tested.get(0)))) {
                pushAccess.run(() -> {
                    // a base that lacks a platform stops the release before any build
                    assemblies.checkBases();
                    return new Builds(docker, log, context.reuse()).runAll(build, run, new BuildListener() {
                        @Override
                        public void starting(BuilderSpec builder) {
                            ahead.begin();
                        }

                        @Override
                        public void passed(BuildResult result) {
                            assemblies.builderPassed(result.builder());
                        }
                    });
                });
                pushAccess.await();
                List<AssembledImage> assembled = assemblies.finish();
                // the environment runs once per tested platform, with that platform's images (as that platform, under
                // emulation when it is not the engine's); the push starts once the last verdict is known, while the test
                // environment goes down
                Map<Platform, Map<String, Digest>> verdicts = new LinkedHashMap<>();
                for (int i = 0; i < tested.size(); i++) {
                    Platform platform = tested.get(i);
                    boolean last = i == tested.size() - 1;
                    if (platforms.several()) {
                        log.info("Integration tests on " + platform + " (" + (i + 1) + " of " + tested.size() + ")");
                    }
                    EnvironmentSettings onPlatform = environment.withServiceImages(imageIds(assembled, platform))
                            .withPlatform(platform).requireServiceImages();
                    Consumer<Verdict> afterPassing = verdict -> {
                        verdicts.put(platform, verdict.images());
                        if (last) {
                            pushed.addAll(release.pushAndRecord(registry, assembled, new TestedIds(verdicts, platforms.untested()),
                                    verdict::json, ReleaseFacts.of(docker, build, environment, platforms.tested(), started),
                                    build.threads()));
                        }
                    };
                    if (i == 0) {
                        integrationTests.run(onPlatform, run, afterPassing, ahead);
                    } else {
                        integrationTests.run(onPlatform, run, afterPassing);
                    }
                }
            }
        }
        new DeployFilesGoal(images.naming(), repositories, environment.containers()).write(context, tagged(pushed));
    }

    private static Map<String, Digest> tagged(List<PushedImage> pushed) {
        Map<String, Digest> digests = new LinkedHashMap<>();
        pushed.forEach(image -> digests.put(image.service(), image.digest()));
        return digests;
    }

    private static Map<String, Digest> imageIds(List<AssembledImage> images, Platform platform) {
        Map<String, Digest> ids = new LinkedHashMap<>();
        images.stream().filter(image -> image.platform().equals(platform)).forEach(image -> ids.put(image.service(),
                image.imageId()));
        return ids;
    }
}
