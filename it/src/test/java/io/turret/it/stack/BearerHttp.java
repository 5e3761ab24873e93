package io.turret.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/** A client of the token stack for its own tests: gets tokens from the realm and calls the registry with them. */
final class BearerHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final TokenRegistryStack stack;

    BearerHttp(TokenRegistryStack stack) {
        this(stack, HttpClient.newBuilder());
    }

    BearerHttp(TokenRegistryStack stack, HttpClient.Builder builder) {
        this.stack = stack;
        this.http = builder.sslContext(stack.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The realm's answer to the registry's GET protocol, with basic auth when {@code user} is not null. */
    HttpResponse<String> tokenResponse(TokenRegistryStack.User user, String... scopes) throws IOException, InterruptedException {
        String query = "service=" + TokenRegistryStack.SERVICE + Stream.of(scopes)
                .map(scope -> "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)).collect(Collectors.joining());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.tokens().realm() + "?" + query));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token(TokenRegistryStack.User user, String... scopes) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenResponse(user, scopes);
        if (response.statusCode() != 200) {
            throw new IOException("the realm answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body()).get("token").asText();
    }

    /** An OAuth2 form POST to the realm. */
    HttpResponse<String> post(String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.tokens().realm())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, URI uri, String token, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
