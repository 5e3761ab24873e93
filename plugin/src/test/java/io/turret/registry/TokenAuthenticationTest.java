package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.turret.failure.EnvironmentFailure;
import io.turret.auth.CredentialSearch;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer challenges answered with tokens from the realm, against a small fake registry and realm
 * (anonymous tokens: a credential goes to a realm only over TLS, which the it tests cover).
 */
class TokenAuthenticationTest {
    private static final Digest AA = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest BB = Digest.parse("sha256:" + "b".repeat(64));
    private HttpServer server;
    private final List<String> tokenRequests = new ArrayList<>();
    private final List<String> registryRequests = new ArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String tokenBody = "{\"token\":\"T%d\",\"expires_in\":300}";
    private volatile int tokenStatus = 200;
    private volatile boolean pushGranted = true;
    private volatile boolean deleteGranted = true;
    private volatile String revoked = "";
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            synchronized (tokenRequests) {
                tokenRequests.add(exchange.getRequestURI().getQuery());
            }
            String body = tokenBody.formatted(issued.incrementAndGet());
            reply(exchange, tokenStatus, body);
        });
        server.createContext("/v2/", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            synchronized (registryRequests) {
                registryRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + authorization);
            }
            boolean push = exchange.getRequestMethod().equals("POST");
            String scope = exchange.getRequestURI().getPath().startsWith("/v2/shop/api/")
                    ? ",scope=\"repository:shop/api:" + (push ? "pull,push" : "pull") + "\"" : "";
            if (!authorization.startsWith("Bearer T") || authorization.equals(revoked)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm() + "\",service=\"reg\"" + scope);
                reply(exchange, 401, "");
            } else if (exchange.getRequestMethod().equals("DELETE") && !deleteGranted) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm() + "\",service=\"reg\""
                        + ",scope=\"repository:shop/api:delete\",error=\"insufficient_scope\"");
                reply(exchange, 401, "");
            } else if (push && !pushGranted) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm() + "\",service=\"reg\"" + scope
                        + ",error=\"insufficient_scope\"");
                reply(exchange, 401, "");
            } else if (push) {
                exchange.getResponseHeaders().add("Location", "/v2/shop/api/blobs/uploads/u1");
                reply(exchange, 202, "");
            } else {
                reply(exchange, exchange.getRequestMethod().equals("HEAD") ? 404 : 200, "");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private RegistryClient client() {
        return client(CredentialSearch.given(Optional.empty()));
    }

    private RegistryClient client(CredentialSearch credential) {
        String registry = "127.0.0.1:" + server.getAddress().getPort();
        Transport transport = new Transport(registry, true, RegistryTrust.plainHttp(), new RetryPolicy(1, Duration.ZERO),
                Optional.empty());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new RegistryClient(transport, new Authentication(transport, true, credential, Log.silent(), clock));
    }

    @Test
    void oneTokenPerScopeIsFetchedForTheScopesTheCallNeedsAndReused() {
        RegistryClient client = client();

        client.ping();
        client.requirePushAccess("shop/api");
        client.hasBlob("shop/api", AA);
        client.hasBlob("shop/api", BB);

        assertEquals(List.of("service=reg", "service=reg&scope=repository:shop/api:pull,push",
                "service=reg&scope=repository:shop/api:delete"), tokenRequests, "the test upload is cancelled with the delete action");
        assertEquals("HEAD /v2/shop/api/blobs/" + BB + " Bearer T2", registryRequests.get(registryRequests.size() - 1),
                "the push token serves the repository's pulls");
    }

    @Test
    void aCredentialThatMayNotDeleteLeavesItsTestUploadsAfterOneRefusal() {
        deleteGranted = false;
        RegistryClient client = client();

        client.requirePushAccess("shop/api");
        client.requirePushAccess("shop/api");

        assertEquals(1, registryRequests.stream().filter(request -> request.startsWith("DELETE ")).count(), registryRequests.toString());
        assertEquals(2, registryRequests.stream().filter(request -> request.startsWith("POST ") && request.contains("Bearer")).count());
    }

    @Test
    void anAccessTokenIsAcceptedAndAnExpiredTokenIsReplaced() {
        tokenBody = "{\"access_token\":\"T%d\",\"expires_in\":10}";
        RegistryClient client = client();

        client.hasBlob("shop/api", AA);
        now = now.plusSeconds(5);
        client.hasBlob("shop/api", AA);
        now = now.plusSeconds(5);
        client.hasBlob("shop/api", AA);

        assertEquals(2, tokenRequests.size(), "a token living 10 s is renewed a second before it ends");
        assertTrue(registryRequests.get(registryRequests.size() - 1).endsWith("Bearer T2"), registryRequests.toString());
    }

    @Test
    void aTokenRefusedInTheMiddleOfAPushIsReplacedOnce() {
        RegistryClient client = client();
        client.hasBlob("shop/api", AA);
        revoked = "Bearer T1";

        client.hasBlob("shop/api", AA);

        assertEquals(2, tokenRequests.size());
        assertTrue(registryRequests.get(registryRequests.size() - 1).endsWith("Bearer T2"), registryRequests.toString());
    }

    @Test
    void anAnonymousTokenWithoutPushSaysNoCredentialWasFoundAndWhereTurretLooked() {
        pushGranted = false;
        String registry = "127.0.0.1:" + server.getAddress().getPort();

        UserFailure refused = assertThrows(UserFailure.class, () -> client(new CredentialSearch(Optional.empty(),
                "settings.xml <server> '" + registry + "', ~/.docker/config.json, ~/.dockercfg")).requirePushAccess("shop/api"));

        assertEquals("The registry " + registry + " answered HTTP 401 to POST /v2/shop/api/blobs/uploads/ (may this"
                + " credential push there?): it grants no right to push to the repository shop/api without a credential, and"
                + " Turret found no credential for " + registry + " (it looked in settings.xml <server> '" + registry + "',"
                + " ~/.docker/config.json, ~/.dockercfg); give one as a settings.xml <server> whose <id> is " + registry
                + " (or <serverId>), as TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD, or in ~/.docker/config.json"
                + " (docker login " + registry + ").", refused.getMessage());
        assertFalse(refused.getMessage().contains("grant that user"), "there is no user: " + refused.getMessage());
    }

    @Test
    void aRealmThatRefusesAnAnonymousTokenAsksForACredential() {
        tokenStatus = 401;

        UserFailure refused = assertThrows(UserFailure.class, () -> client().ping());

        assertTrue(refused.getMessage().startsWith("The token realm " + realm() + " of the registry 127.0.0.1:"
                + server.getAddress().getPort() + " gives no anonymous token (HTTP 401); give a credential"), refused.getMessage());
    }

    @Test
    void anUnreachableRealmIsNamed() {
        RegistryClient client = client();
        client.ping();
        int port = server.getAddress().getPort();
        server.stop(0);

        EnvironmentFailure unreachable = assertThrows(EnvironmentFailure.class, () -> client.hasBlob("shop/api", AA));

        assertTrue(unreachable.getMessage().startsWith("The token realm " + realm() + " of the registry 127.0.0.1:"
                + port + " cannot be reached (the connection was refused)"), unreachable.getMessage());
    }
}
