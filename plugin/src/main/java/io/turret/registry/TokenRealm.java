package io.turret.registry;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.auth.CredentialChain;
import io.turret.auth.RegistryCredential;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Gets tokens from the realm a registry's {@code Bearer} challenge names (the distribution token
 * specification): with the registry's credential (its password by GET, an identity token by the
 * OAuth2 refresh-token grant) or anonymously. A credential is sent to a realm only over TLS.
 */
final class TokenRealm {
    /** What the specification says a token lives when the realm does not say. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final Transport transport;
    private final Optional<RegistryCredential> credential;
    private final Clock clock;

    /** A token and when to stop using it. */
    record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    TokenRealm(Transport transport, Optional<RegistryCredential> credential, Clock clock) {
        this.transport = transport;
        this.credential = credential;
        this.clock = clock;
    }

    /** A token for {@code scopes} from the realm {@code challenge} names. */
    Token token(Challenge challenge, List<String> scopes) {
        String realm = challenge.parameter("realm");
        URI uri;
        try {
            uri = URI.create(realm == null ? "" : realm);
        } catch (IllegalArgumentException e) {
            uri = URI.create("");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new EnvironmentFailure("The registry " + transport.registry() + " asks for a token from the realm '" + realm
                    + "', which is no URL.");
        }
        if (credential.isPresent() && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new UserFailure("The registry " + transport.registry() + " sends clients to the token realm " + realm
                    + ", which is plain HTTP: Turret sends the credential from " + credential.get().source()
                    + " to a realm only over TLS. Have the registry's token realm served over HTTPS.");
        }
        List<String> parameters = new ArrayList<>();
        Optional.ofNullable(challenge.parameter("service")).ifPresent(service -> parameters.add(form("service", service)));
        HttpRequest request;
        Instant asked = clock.instant();
        if (credential.isPresent() && CredentialChain.IDENTITY_TOKEN_USER.equals(credential.get().username())) {
            parameters.add(form("grant_type", "refresh_token"));
            parameters.add(form("refresh_token", credential.get().password()));
            parameters.add(form("client_id", "turret"));
            if (!scopes.isEmpty()) {
                parameters.add(form("scope", String.join(" ", scopes)));
            }
            request = HttpRequest.newBuilder(uri).timeout(Transport.ANSWER_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parameters))).build();
        } else {
            scopes.forEach(scope -> parameters.add(form("scope", scope)));
            URI withQuery = URI.create(realm + (parameters.isEmpty() ? "" : (realm.contains("?") ? "&" : "?")
                    + String.join("&", parameters)));
            HttpRequest.Builder get = HttpRequest.newBuilder(withQuery).timeout(Transport.ANSWER_TIMEOUT).GET();
            credential.ifPresent(basic -> get.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8))));
            request = get.build();
        }
        HttpResponse<String> response;
        try {
            response = transport.send("a token from " + realm, request, HttpResponse.BodyHandlers.ofString());
        } catch (Transport.Unreachable e) {
            throw new EnvironmentFailure("The token realm " + realm + " of the registry " + transport.registry()
                    + " cannot be reached (" + Causes.describe(e.getCause()) + "); check that its address is reachable from here, through"
                    + " the proxy if one is configured.", e);
        }
        return read(realm, response, asked);
    }

    private Token read(String realm, HttpResponse<String> response, Instant asked) {
        int status = response.statusCode();
        boolean identityToken = credential.filter(used -> CredentialChain.IDENTITY_TOKEN_USER.equals(used.username())).isPresent();
        if (status == 401 || status == 403 || status == 400 && identityToken) { // OAuth2 refuses a grant with 400
            throw new UserFailure(credential.map(used -> "The token realm " + realm + " of the registry " + transport.registry()
                    + " refused the credential from " + used.source() + " (HTTP " + status + "). Fix the user name and"
                    + " password (or identity token) there, or give another source: settings.xml <server>, "
                    + CredentialChain.USERNAME_VARIABLE + "/" + CredentialChain.PASSWORD_VARIABLE
                    + ", ~/.docker/config.json (docker login " + transport.registry() + ").")
                    .orElse("The token realm " + realm + " of the registry " + transport.registry() + " gives no anonymous"
                            + " token (HTTP " + status + "); give a credential as a settings.xml <server> whose <id> is "
                            + transport.registry() + " (or <serverId>), as " + CredentialChain.USERNAME_VARIABLE + "/"
                            + CredentialChain.PASSWORD_VARIABLE + ", or in ~/.docker/config.json (docker login "
                            + transport.registry() + ")."));
        }
        if (status != 200) {
            throw new EnvironmentFailure("The token realm " + realm + " of the registry " + transport.registry() + " answered"
                    + " HTTP " + status + " when asked for a token.");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("token").asText("");
            if (token.isEmpty()) {
                token = body.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new IOException("it holds neither token nor access_token");
            }
            Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                    ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
            return new Token(token, asked.plus(lifetime.minus(margin(lifetime))));
        } catch (IOException e) {
            throw new EnvironmentFailure("The token realm " + realm + " of the registry " + transport.registry()
                    + " answered with no token Turret can read: " + Causes.describe(e), e);
        }
    }

    /** A token is renewed a little before it ends: a tenth of its life, at most 10 s. */
    private static Duration margin(Duration lifetime) {
        Duration tenth = lifetime.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tenth;
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
