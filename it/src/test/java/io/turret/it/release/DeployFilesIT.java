package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * turret:deploy-files against the real stack: after a release and a promote of the sample, a fresh
 * copy with no target/ writes the production files from the registry alone; every image in them is
 * the production tag's digest, Debian's docker-compose brings the sample up from compose.yaml (pulled
 * from the stack's registry, nothing from the internet), systemd-analyze accepts the units, kubectl
 * reads the kustomization, and a suffix with no release is refused in one line.
 */
@ExtendWith(RegistryStackExtension.class)
class DeployFilesIT {
    private static final String NAMESPACE = "deploy";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");
    private static final Pattern PINNED = Pattern.compile("([A-Za-z0-9.:/_-]+)@(sha256:[0-9a-f]{64})");

    @TempDir
    Path sample;

    @TempDir
    Path fresh;

    @TempDir
    Path maven;

    @TempDir
    Path dockerConfig;

    private RegistryStack stack;

    @Test
    void theProductionReleaseIsDeployedByDigestFromAnyCheckout(RegistryStack stack) throws Exception {
        this.stack = stack;
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        MavenRun.Result release = maven(sample, "turret:release", "-Dsuffix=integration");
        assertEquals(0, release.exitCode(), release.output());
        MavenRun.Result promote = maven(sample, "turret:promote", "-Dfrom=integration", "-Dsuffix=production");
        assertEquals(0, promote.exitCode(), promote.output());
        assertTrue(Files.isRegularFile(sample.resolve("target/turret/deploy/integration/compose.yaml")), "the release wrote its files");
        assertTrue(Files.isRegularFile(sample.resolve("target/turret/deploy/production/compose.yaml")), "the promote wrote its files");

        SampleProject.copyTo(fresh);
        assertFalse(Files.exists(fresh.resolve("target")));
        MavenRun.Result files = maven(fresh, "turret:deploy-files", "-Dsuffix=production");
        assertEquals(0, files.exitCode(), files.output());

        Path folder = fresh.resolve("target/turret/deploy/production");
        Map<String, String> production = new HashMap<>();
        for (String service : SERVICES) {
            production.put(stack.address() + "/" + NAMESPACE + "/" + service,
                    RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "production").orElseThrow());
        }
        String compose = Files.readString(folder.resolve("compose.yaml"));
        assertEquals(production, pinned(compose), compose);
        List<Path> units = new ArrayList<>();
        for (String service : SERVICES) {
            Path unit = folder.resolve("systemd/" + NAMESPACE + "-" + service + ".service");
            units.add(unit);
            String text = Files.readString(unit);
            String repository = stack.address() + "/" + NAMESPACE + "/" + service;
            assertEquals(Map.of(repository, production.get(repository)), pinned(text), text);
        }
        String kustomization = Files.readString(folder.resolve("kustomization.yaml"));
        for (Map.Entry<String, String> image : production.entrySet()) {
            assertTrue(kustomization.contains("  - name: \"" + image.getKey() + "\"\n    newName: \"" + image.getKey()
                    + "\"\n    digest: \"" + image.getValue() + "\"\n"), kustomization);
        }

        DebianPackages.ensureCommands(List.of("systemd-analyze"));
        List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
        units.forEach(unit -> verify.add(unit.toString()));
        Outcome verified = exec(verify, Map.of());
        assertEquals(0, verified.exit(), verified.output());
        assertFalse(verified.output().contains(folder.toString()), "systemd-analyze found fault with a unit:\n" + verified.output());
        if (Commands.onPath("kubectl")) {
            Outcome kustomized = exec(List.of("kubectl", "kustomize", folder.toString()), Map.of());
            assertEquals(0, kustomized.exit(), kustomized.output());
        }

        runsWithCompose(folder);

        MavenRun.Result none = maven(fresh, "turret:deploy-files", "-Dsuffix=never-released");
        assertEquals(1, none.exitCode(), none.output());
        List<String> errors = none.output().lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
        assertEquals(1, errors.size(), none.output());
        assertTrue(errors.get(0).contains("No release of the suffix never-released in " + stack.address()), errors.get(0));
    }

    /** docker-compose up of compose.yaml, the variables in .env, until the front end answers /healthz; down in any case. */
    private void runsWithCompose(Path folder) throws Exception {
        DebianPackages.ensureCommands(List.of("docker-compose"));
        // the engine pulls from the stack's registry with a login of its own, kept out of the user's ~/.docker
        Map<String, String> docker = Map.of("DOCKER_CONFIG", dockerConfig.toString());
        Outcome login = exec(List.of("docker", "login", stack.address(), "-u", stack.username(), "--password-stdin"), docker,
                stack.password());
        assertEquals(0, login.exit(), login.output());
        int frontend = LoopbackPorts.free();
        int api = LoopbackPorts.free();
        Files.writeString(folder.resolve(".env"), String.join("\n", "REDIS_MASTER=redis:6379", "API_URL=http://api:8080",
                "ENVIRONMENT=production-by-compose", "PUBLISH_API_8080=127.0.0.1:" + api,
                "PUBLISH_FRONTEND_8000=127.0.0.1:" + frontend, ""));
        String project = "turretdeploy" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        List<String> compose = List.of("docker-compose", "--project-name", project, "--file", folder.resolve("compose.yaml")
                .toString(), "--project-directory", folder.toString());
        try {
            Outcome up = exec(concat(compose, "up", "-d"), docker);
            assertEquals(0, up.exit(), up.output());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            int status = 0;
            String body = "";
            while (status != 200 && Instant.now().isBefore(deadline)) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend
                            + "/healthz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    status = health.statusCode();
                    body = health.body();
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertEquals(200, status, "the front end's /healthz: " + body + "\n" + exec(concat(compose, "logs", "--no-color"),
                    docker).output());
        } finally {
            exec(concat(compose, "down", "-v"), docker);
        }
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    /** Every {@code NAME@sha256:...} in {@code text}, by name; fails on one name pinned to two digests. */
    private static Map<String, String> pinned(String text) {
        Map<String, String> images = new HashMap<>();
        Matcher matcher = PINNED.matcher(text);
        while (matcher.find()) {
            String before = images.putIfAbsent(matcher.group(1), matcher.group(2));
            assertTrue(before == null || before.equals(matcher.group(2)), matcher.group(1) + " pinned twice:\n" + text);
        }
        return images;
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome exec(List<String> command, Map<String, String> environment) throws Exception {
        return exec(command, environment, "");
    }

    private static Outcome exec(List<String> command, Map<String, String> environment, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.waitFor(), output);
    }

    private MavenRun.Result maven(Path project, String... goalAndProperties) throws Exception {
        MavenSettings settings = MavenSettings.plain(Files.createDirectories(maven.resolve("settings")), stack.address(),
                stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goalAndProperties));
        args.addAll(List.of("-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
        return MavenRun.run(project, args.toArray(String[]::new));
    }
}
