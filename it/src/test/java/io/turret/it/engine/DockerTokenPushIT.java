package io.turret.it.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStack.User;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.it.stack.TokenServer.TokenRequest;
import io.turret.it.stack.TokenSigner.Access;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker CLI and engine, and skopeo, as independent clients of the token registry: login
 * (which stores an identity token), push, and a read with the reader's credentials.
 */
@ExtendWith(TokenRegistryStackExtension.class)
class DockerTokenPushIT {

    @Test
    void dockerLogsInPushesWithItsIdentityTokenAndSkopeoReadsTheImage(TokenRegistryStack stack, @TempDir Path home)
            throws Exception {
        String image = importTinyImage(stack.address() + "/it/token-tiny");
        try {
            Path config = home.resolve("pusher");
            login(config, stack.address(), stack.pusher());
            assertTrue(Files.readString(config.resolve("config.json")).contains("identitytoken"),
                    "the realm's refresh token is kept as docker login's identity token");

            CliResult push = docker(config, "push", image);

            assertEquals(0, push.exit(), push.output());
            assertTrue(stack.tokens().requestsBy(stack.pusher().name()).stream()
                    .anyMatch(request -> request.grant().equals("refresh_token") && request.granted().contains(
                            new Access("repository", "it/token-tiny", List.of("pull", "push")))),
                    "the engine pushed with a token from the identity token: " + stack.tokens().requests());
            DebianPackages.ensureCommands(List.of("skopeo"));
            String inspected = Commands.run("skopeo", "inspect", "--cert-dir", stack.certificateDirectory().toString(),
                    "--creds", stack.reader().name() + ":" + stack.reader().password(), "docker://" + image);
            assertTrue(new ObjectMapper().readTree(inspected).get("Digest").asText().startsWith("sha256:"), inspected);
        } finally {
            docker(home, "image", "rm", "-f", image);
        }
    }

    @Test
    void aReaderIsRefusedThePush(TokenRegistryStack stack, @TempDir Path home) throws Exception {
        String image = importTinyImage(stack.address() + "/it/token-refused");
        try {
            login(home, stack.address(), stack.reader());

            CliResult push = docker(home, "push", image);

            assertNotEquals(0, push.exit(), push.output());
            assertTrue(push.output().contains("denied") || push.output().contains("unauthorized"), push.output());
            List<TokenRequest> asked = stack.tokens().requestsBy(stack.reader().name()).stream()
                    .filter(request -> request.scopes().stream().anyMatch(scope -> scope.startsWith("repository:it/token-refused:")
                            && scope.contains("push"))).toList();
            assertFalse(asked.isEmpty(), "the engine asked for push: " + stack.tokens().requests());
            assertTrue(asked.stream().allMatch(request -> request.granted().equals(
                    List.of(new Access("repository", "it/token-refused", List.of("pull"))))), asked.toString());
        } finally {
            docker(home, "image", "rm", "-f", image);
        }
    }

    @Test
    void theEnginePushesThroughTheFaultProxy(TokenRegistryStack stack, @TempDir Path home) throws Exception {
        String image = importTinyImage(stack.faults().address() + "/it/through-faults");
        try {
            login(home, stack.faults().address(), stack.pusher());

            CliResult push = docker(home, "push", image);

            assertEquals(0, push.exit(), push.output());
            assertTrue(stack.faults().exchanges().stream().anyMatch(exchange -> exchange.method().equals("PUT")
                    && exchange.target().startsWith("/v2/it/through-faults/manifests/") && exchange.status() == 201),
                    stack.faults().exchanges().toString());
        } finally {
            docker(home, "image", "rm", "-f", image);
        }
    }

    private static String importTinyImage(String repository) throws IOException {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        RegistryStackExtension.engine().importImage(new ByteArrayInputStream(TinyImage.rootFileSystem()), repository, tag);
        return repository + ":" + tag;
    }

    private static void login(Path config, String registry, User user) throws Exception {
        CliResult login = run(List.of("docker", "--config", config.toString(), "login", registry,
                "--username", user.name(), "--password-stdin"), user.password());
        assertEquals(0, login.exit(), login.output());
    }

    private static CliResult docker(Path config, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "--config", config.toString()));
        command.addAll(List.of(arguments));
        return run(command, "");
    }

    private static CliResult run(List<String> command, String input) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CliResult(process.waitFor(), output);
    }

    private record CliResult(int exit, String output) {
    }
}
