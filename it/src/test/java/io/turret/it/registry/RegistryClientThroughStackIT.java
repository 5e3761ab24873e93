package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.auth.RegistryCredential;
import io.turret.it.stack.RegistryStack;
import io.turret.oci.Digest;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against nginx's basic auth: the first request goes without the credential, every later one with it. */
class RegistryClientThroughStackIT {

    @Test
    void theCredentialGoesOnlyOnceNginxAskedAndThenWithEveryRequest() throws Exception {
        try (RegistryStack stack = RegistryStack.startRecordingAuthorization()) {
            RegistryClient api = RegistryClient.open(stack.address(), false, RegistryTrust.forRegistry(stack.address(),
                    stack.certificateAuthority().certificate(), RegistryTrust.DOCKER_CERTS),
                    Optional.of(new RegistryCredential(stack.username(), stack.password(), "test")), RetryPolicy.DEFAULT,
                    Log.silent());
            byte[] blob = "challenge first".getBytes(StandardCharsets.UTF_8);
            Digest digest = Digest.of(blob);

            api.ping();
            api.requirePushAccess("it/challenge");
            api.uploadBlob("it/challenge", digest, () -> HttpRequest.BodyPublishers.ofByteArray(blob));

            assertTrue(api.hasBlob("it/challenge", digest));
            // what a failure prints holds no credential, only whether one was sent
            List<String> requests = Files.readAllLines(stack.proxy().authorizationLog()).stream()
                    .map(line -> line.replaceAll(" Basic \\S+$", " Basic (credential)")).toList();
            assertEquals("GET /v2/ -", requests.get(0), "the first request carries no credential");
            assertEquals("GET /v2/ Basic (credential)", requests.get(1), "the answer to the challenge: " + requests);
            assertEquals(List.of(), requests.subList(1, requests.size()).stream().filter(line -> !line.endsWith(" Basic (credential)"))
                    .toList(), "every request after the challenge carries it");
        }
    }
}
