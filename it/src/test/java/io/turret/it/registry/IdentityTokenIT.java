package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.auth.CredentialChain;
import io.turret.auth.RegistryCredential;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity token {@code docker login} keeps in {@code ~/.docker/config.json} (an OAuth2 refresh
 * token, its {@code auth} the user name alone, as the docker CLI writes it) is found by the
 * credential chain and traded at the realm for the tokens a push needs.
 */
@ExtendWith(TokenRegistryStackExtension.class)
class IdentityTokenIT {

    @Test
    void anIdentityTokenFromDockerConfigPushes(TokenRegistryStack stack, @TempDir Path home) throws Exception {
        String form = "grant_type=password&access_type=offline&client_id=it&service=" + TokenRegistryStack.SERVICE
                + "&username=" + stack.pusher().name() + "&password=" + URLEncoder.encode(stack.pusher().password(),
                        StandardCharsets.UTF_8);
        HttpResponse<String> login = HttpClient.newBuilder().sslContext(stack.sslContext()).build().send(
                HttpRequest.newBuilder(stack.tokens().realm()).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String refresh = new ObjectMapper().readTree(login.body()).path("refresh_token").asText();
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), new ObjectMapper().writeValueAsString(
                Map.of("auths", Map.of(stack.address(), Map.of("auth", java.util.Base64.getEncoder().encodeToString(
                        (stack.pusher().name() + ":").getBytes(StandardCharsets.UTF_8)), "identitytoken", refresh)))));

        RegistryCredential credential = new CredentialChain(null, null, List.of(), Map.of(), home).find(stack.address())
                .orElseThrow();
        RegistryClient client = RegistryClient.open(stack.address(), false, RegistryTrust.forRegistry(stack.address(), null,
                RegistryTrust.DOCKER_CERTS), java.util.Optional.of(credential), RetryPolicy.DEFAULT, Log.silent());
        client.ping();
        client.requirePushAccess("it/identity-token");

        assertEquals("~/.docker/config.json (the identity token of docker login)", credential.source());
        assertTrue(stack.tokens().requestsBy(stack.pusher().name()).stream().anyMatch(request ->
                request.grant().equals("refresh_token") && request.status() == 200
                        && request.scopes().contains("repository:it/identity-token:pull,push")), stack.tokens().requests()
                                .toString());
    }
}
