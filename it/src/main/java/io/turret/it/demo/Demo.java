package io.turret.it.demo;

import io.turret.it.host.DockerEngine;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: the Docker engine, the sample's base images, and the private registry stack
 * (S3, registry, nginx with TLS and basic auth), then the release of sample-project into it.
 * {@code -Dturret.demo.keep=true} keeps the stack up until Ctrl-C.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        say("Docker engine: " + describe(RegistryStackExtension.engine()));
        SampleBaseImages images = SampleBaseImages.onDefaultEngine();
        images.ensureAll();
        say("Base images: " + SampleBaseImages.ALL.stream().map(SampleBaseImages.Recipe::reference).toList());
        try (RegistryStack stack = RegistryStack.start()) {
            say("Registry:    " + stack.url() + " (nginx: TLS from a CA made now, basic auth as '" + stack.username() + "')");
            say("Storage:     S3 bucket '" + stack.bucket() + "' at " + stack.s3().endpoint());
            say("CA:          " + stack.certificateAuthority().certificate());
            say("Logs:        " + stack.logs());
            say("Check:       GET " + stack.url() + "/v2/ answers " + v2Status(stack) + " with the credentials");
            Path demo = Path.of(System.getProperty(RegistryStack.WORKDIR_PROPERTY, "target/stacks")).toAbsolutePath()
                    .resolveSibling("demo");
            deleteRecursively(demo); // the last demo's copy
            Path sample = SampleProject.copyTo(demo.resolve("sample-project"));
            MavenSettings settings = MavenSettings.encrypted(Files.createDirectories(demo.resolve("maven")), stack.address(),
                    stack.username(), stack.password());
            List<String> release = new ArrayList<>(settings.arguments());
            release.addAll(List.of("turret:release", "-Dsuffix=integration", "-Dturret.registry=" + stack.address()));
            say("Releasing a copy of sample-project: cd " + sample + " && mvn " + String.join(" ", release));
            say("(the registry's password is encrypted in " + settings.file() + ", as mvn --encrypt-password makes it)");
            int exit = MavenRun.runOnConsole(sample, release.toArray(String[]::new));
            if (exit != 0) {
                say("The release failed (exit code " + exit + "); its output is above.");
                System.exit(exit);
            }
            say("Released. What was pushed: " + sample.resolve("target/turret/release.json"));
            if (Boolean.getBoolean("turret.demo.keep")) {
                say("Keeping the stack up until Ctrl-C.");
                new CountDownLatch(1).await();
            }
        }
        say("Stack stopped.");
    }

    private static String describe(DockerEngine engine) {
        var version = engine.client().versionCmd().exec();
        return "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ")";
    }

    private static int v2Status(RegistryStack stack) throws Exception {
        String credentials = stack.username() + ":" + stack.password();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url() + "/v2/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newBuilder().sslContext(stack.sslContext()).build()
                .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void say(String line) {
        System.out.println("[turret-demo] " + line);
    }
}
