package io.turret.maven.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationTestMojoTest {
    @TempDir
    Path project;

    private final List<String> logged = new ArrayList<>();

    private IntegrationTestMojo mojo() throws Exception {
        Files.createDirectories(project.resolve("go"));
        Builder go = new Builder();
        go.name = "go";
        go.image = "golang:1.22";
        go.sources = List.of("go");
        go.script = "go build ./...";
        go.environment = Map.of("CGO_ENABLED", "0", "GOFLAGS", "-mod=mod");
        go.caches = List.of("/cache");
        IntegrationTestMojo mojo = new IntegrationTestMojo();
        mojo.projectName = "sample";
        mojo.projectDirectory = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.builders = List.of(go);
        // the defaults Maven gives
        mojo.reapAfter = "6h";
        mojo.reuseCacheMaxAgeDays = 30;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }
        });
        return mojo;
    }

    private static TestContainer redis() {
        TestContainer redis = new TestContainer();
        redis.name = "redis";
        redis.image = "redis:7";
        redis.ports = List.of("6379");
        return redis;
    }

    @Test
    void skipSaysSo() throws Exception {
        IntegrationTestMojo mojo = mojo();
        mojo.skipIntegrationTests = true;

        mojo.execute();

        assertEquals(List.of("Skipping turret:integration-test (turret.it.skip=true)"), logged);
    }

    @Test
    void aRunnerOfABuilderTakesItsImageSourcesCachesAndEnvironment() throws Exception {
        Runner runner = new Runner();
        runner.name = "system";
        runner.builder = "go";
        runner.script = "go test -tags integration ./...";
        runner.environment = Map.of("GOFLAGS", "-count=1", "API_URL", "http://api:8080");
        IntegrationTestMojo mojo = mojo();
        mojo.runners = List.of(runner);

        var script = ConfigurationMapper.environment(mojo).runners().get(0);

        assertEquals("golang:1.22", script.image());
        assertEquals(List.of("go"), script.sources());
        assertEquals(List.of("/cache"), script.caches());
        assertEquals(Map.of("CGO_ENABLED", "0", "GOFLAGS", "-count=1", "API_URL", "http://api:8080"), script.environment());
        assertEquals("/reports", ConfigurationMapper.environment(mojo).runners().get(0).reports());
    }

    @Test
    void anHttpWaitAsksTheFirstPublishedPort() throws Exception {
        TestContainer redis = redis();
        redis.waitFor = new Wait();
        redis.waitFor.http = "/healthz";
        IntegrationTestMojo mojo = mojo();
        mojo.testContainers = List.of(redis);

        var container = ConfigurationMapper.environment(mojo).containers().get(0);

        assertEquals("HTTP 200 from GET /healthz on port 6379", container.readiness().describe());
        assertEquals(List.of(6379), container.ports());
    }

    @Test
    void aServiceThatWasNotAssembledIsAMojoFailure() throws Exception {
        TestContainer api = new TestContainer();
        api.service = "api";
        IntegrationTestMojo mojo = mojo();
        mojo.testContainers = List.of(api);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().contains("run turret:assemble first"), failure.getMessage());
    }

    @Test
    void aRunnerOfAnUnknownBuilderIsAMojoFailure() throws Exception {
        Runner runner = new Runner();
        runner.name = "system";
        runner.builder = "golang";
        runner.script = "true";
        IntegrationTestMojo mojo = mojo();
        mojo.runners = List.of(runner);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("<runner> 'system' refers to the builder 'golang', which is not one of the <builders> [go]; add it or"
                + " fix the name.", failure.getMessage());
    }

    @Test
    void aRunnerWithoutSourcesOrBuilderIsToldAsARunner() throws Exception {
        Runner runner = new Runner();
        runner.name = "system";
        runner.image = "curlimages/curl:8.5.0";
        runner.script = "curl -f http://api:8080/healthz";
        IntegrationTestMojo mojo = mojo();
        mojo.runners = List.of(runner);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("<runner> 'system': <sources> is empty; name at least one project folder, e.g."
                + " <sources><source>src</source></sources>, or take a builder's with <builder>.", failure.getMessage());
    }

    @Test
    void aRunnerWithoutImageOrBuilderIsToldAsARunner() throws Exception {
        Runner runner = new Runner();
        runner.name = "system";
        runner.sources = List.of("go");
        runner.script = "go test ./...";
        IntegrationTestMojo mojo = mojo();
        mojo.runners = List.of(runner);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("<runner> 'system': <image> is missing"), failure.getMessage());
    }

    @Test
    void aRunnerTakesItsOwnTimeoutNotItsBuilders() throws Exception {
        Runner runner = new Runner();
        runner.name = "system";
        runner.builder = "go";
        runner.script = "go test ./...";
        runner.timeout = 0;
        IntegrationTestMojo mojo = mojo();
        mojo.runners = List.of(runner);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().startsWith("<runner> 'system': <timeout>0</timeout> must be a positive number"),
                failure.getMessage());
    }
}
