package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.it.stack.TokenServer.TokenRequest;
import io.turret.it.stack.TokenSigner.Access;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TokenRegistryStackExtension.class)
class TokenRegistryStackIT {

    @Test
    void theRegistryChallengesForABearerTokenFromTheRealm(TokenRegistryStack stack) throws Exception {
        HttpResponse<String> response = new BearerHttp(stack).send("GET", stack.url().resolve("/v2/"), null, null);

        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"" + stack.tokens().realm() + "\""), challenge);
        assertTrue(challenge.contains("service=\"" + TokenRegistryStack.SERVICE + "\""), challenge);
    }

    @Test
    void aPushersTokenUploadsABlob(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        String token = http.token(stack.pusher(), "repository:it/token-blob:pull,push");

        HttpResponse<String> started = http.send("POST", stack.url().resolve("/v2/it/token-blob/blobs/uploads/"), token, null);

        assertEquals(202, started.statusCode(), started.body());
        TokenRequest request = last(stack.tokens().requestsBy(stack.pusher().name()));
        assertEquals(List.of("repository:it/token-blob:pull,push"), request.scopes());
        assertEquals(List.of(new Access("repository", "it/token-blob", List.of("pull", "push"))), request.granted());
    }

    @Test
    void aReadersTokenCarriesPullOnlyAndTheRegistryRefusesAnUpload(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        String token = http.token(stack.reader(), "repository:it/read-only:pull,push");

        HttpResponse<String> started = http.send("POST", stack.url().resolve("/v2/it/read-only/blobs/uploads/"), token, null);

        assertEquals(401, started.statusCode());
        assertTrue(started.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
        assertEquals(List.of(new Access("repository", "it/read-only", List.of("pull"))),
                last(stack.tokens().requestsBy(stack.reader().name())).granted());
    }

    @Test
    void aWrongPasswordIsRefusedByTheRealmAndRecorded(TokenRegistryStack stack) throws Exception {
        HttpResponse<String> response = new BearerHttp(stack).tokenResponse(
                new TokenRegistryStack.User(stack.pusher().name(), "wrong"), "repository:it/x:pull");

        assertEquals(401, response.statusCode());
        assertEquals(401, last(stack.tokens().requestsBy(stack.pusher().name())).status());
    }

    @Test
    void anonymousRequestsGetOnlyWhatAnonymousIsGranted(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        String token = http.token(null, "repository:it/anonymous:pull");
        assertEquals(401, http.send("GET", stack.url().resolve("/v2/it/anonymous/tags/list"), token, null).statusCode());

        stack.tokens().access().grant(AccessTable.ANONYMOUS, "it/anonymous", "pull");
        try {
            String granted = http.token(null, "repository:it/anonymous:pull");
            HttpResponse<String> tags = http.send("GET", stack.url().resolve("/v2/it/anonymous/tags/list"), granted, null);
            assertEquals(404, tags.statusCode(), "past authentication: the repository does not exist");
        } finally {
            stack.tokens().access().revoke(AccessTable.ANONYMOUS);
        }
    }

    @Test
    void oauthPasswordGrantGivesARefreshTokenThatGivesTokens(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        HttpResponse<String> first = http.post("grant_type=password&service=" + TokenRegistryStack.SERVICE
                + "&client_id=test&access_type=offline&username=" + stack.pusher().name()
                + "&password=" + stack.pusher().password() + "&scope=repository%3Ait%2Foauth%3Apull");
        assertEquals(200, first.statusCode(), first.body());
        String refresh = BearerHttp.json(first.body()).get("refresh_token").asText();

        HttpResponse<String> second = http.post("grant_type=refresh_token&service=" + TokenRegistryStack.SERVICE
                + "&client_id=test&refresh_token=" + refresh + "&scope=repository%3Ait%2Foauth%3Apull%2Cpush");

        assertEquals(200, second.statusCode(), second.body());
        JsonNode answer = BearerHttp.json(second.body());
        assertEquals(answer.get("token").asText(), answer.get("access_token").asText());
        assertEquals(stack.tokens().lifetime().toSeconds(), answer.get("expires_in").asLong());
        assertTrue(answer.has("issued_at"));
        String token = answer.get("access_token").asText();
        assertEquals(202, http.send("POST", stack.url().resolve("/v2/it/oauth/blobs/uploads/"), token, null).statusCode());
        TokenRequest request = last(stack.tokens().requestsBy(stack.pusher().name()));
        assertEquals("refresh_token", request.grant());
        assertEquals(List.of("repository:it/oauth:pull,push"), request.scopes());
        assertEquals(400, http.post("grant_type=refresh_token&refresh_token=unknown").statusCode());
    }

    @Test
    void withExpiresWhenSaidTheRegistryRefusesATokenOnceExpiresInHasPassed(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        Duration before = stack.tokens().lifetime();
        stack.tokens().lifetime(Duration.ofSeconds(2));
        stack.tokens().expiresWhenSaid(true);
        try {
            String token = http.token(stack.pusher(), "repository:it/expiry:pull");
            URI tags = stack.url().resolve("/v2/it/expiry/tags/list");
            assertEquals(404, http.send("GET", tags, token, null).statusCode(), "valid while expires_in lasts");

            Thread.sleep(3000);

            assertEquals(401, http.send("GET", tags, token, null).statusCode(), "refused after expires_in");
        } finally {
            stack.tokens().lifetime(before);
            stack.tokens().expiresWhenSaid(false);
        }
    }

    @Test
    void byDefaultTheRegistryStillAcceptsATokenPastExpiresIn(TokenRegistryStack stack) throws Exception {
        BearerHttp http = new BearerHttp(stack);
        Duration before = stack.tokens().lifetime();
        stack.tokens().lifetime(Duration.ofSeconds(1));
        try {
            String token = http.token(stack.pusher(), "repository:it/leeway:pull");

            Thread.sleep(2000);

            assertEquals(404, http.send("GET", stack.url().resolve("/v2/it/leeway/tags/list"), token, null).statusCode(),
                    "the registry's 60 s leeway");
        } finally {
            stack.tokens().lifetime(before);
        }
        assertFalse(stack.tokens().requests().isEmpty());
    }

    private static TokenRequest last(List<TokenRequest> requests) {
        assertFalse(requests.isEmpty(), "token requests recorded");
        return requests.get(requests.size() - 1);
    }
}
