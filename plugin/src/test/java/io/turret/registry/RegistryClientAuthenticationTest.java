package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.turret.auth.RegistryCredential;
import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credential goes to the registry only once it asked for it, against a small fake registry. */
class RegistryClientAuthenticationTest {
    private static final RegistryCredential CREDENTIAL = new RegistryCredential("bot", "s3cret", "test source");
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("bot:s3cret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private volatile String challenge = "Basic realm=\"registry\"";
    private volatile String accepted = BASIC;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (received) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + authorization);
            }
            boolean allowed = challenge == null || accepted.equals(authorization);
            if (!allowed) {
                exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            }
            exchange.sendResponseHeaders(allowed ? 200 : 401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String registry() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private RegistryClient api(Optional<RegistryCredential> credential) {
        Log log = new Log() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                warnings.add(line);
            }

            @Override
            public void debug(String line) {
            }
        };
        return RegistryClient.open(registry(), true, RegistryTrust.plainHttp(), credential, new RetryPolicy(1, Duration.ZERO), log);
    }

    @Test
    void theCredentialGoesOnlyAfterTheChallengeAndThenWithEveryRequest() {
        RegistryClient api = api(Optional.of(CREDENTIAL));

        api.ping();
        api.manifestDigest("shop/api", "dev");
        api.ping();

        assertEquals(List.of("GET /v2/ null", "GET /v2/ " + BASIC, "HEAD /v2/shop/api/manifests/dev " + BASIC,
                "GET /v2/ " + BASIC), received);
    }

    @Test
    void overPlainHttpItWarnsOnceThatTheCredentialTravelsInClear() {
        RegistryClient api = api(Optional.of(CREDENTIAL));

        api.ping();
        api.ping();

        assertEquals(List.of("Registry " + registry() + ": the credential from test source travels in clear over plain HTTP"
                + " (<plainHttp>); anyone on the network between here and the registry can read it."), warnings);
    }

    @Test
    void aRegistryThatNeverAsksNeverGetsIt() {
        challenge = null;

        api(Optional.of(CREDENTIAL)).ping();

        assertEquals(List.of("GET /v2/ null"), received);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aRefusedCredentialIsSentOnceAndNamedBySource() {
        accepted = "Basic another";

        UserFailure refused = assertThrows(UserFailure.class, () -> api(Optional.of(CREDENTIAL)).ping());

        assertEquals(List.of("GET /v2/ null", "GET /v2/ " + BASIC), received);
        assertEquals("The registry " + registry() + " refused the credential from test source (HTTP 401 to GET /v2/). Fix the"
                + " user name or password there, or give another source: settings.xml <server>,"
                + " TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD, ~/.docker/config.json.", refused.getMessage());
    }

    @Test
    void withoutACredentialTheMessageSaysNoneWasFound() {
        UserFailure none = assertThrows(UserFailure.class, () -> api(Optional.empty()).ping());

        assertEquals("The registry " + registry() + " answered HTTP 401 to GET /v2/: it asks for a credential, and Turret"
                + " found no credential for " + registry() + "; give one as a settings.xml <server> whose <id> is " + registry() + " (or <serverId>), as"
                + " TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD, or in ~/.docker/config.json (docker login "
                + registry() + ").", none.getMessage());
    }

    @Test
    void aCredentialGoesToATokenRealmOnlyOverTls() {
        challenge = "Bearer realm=\"http://127.0.0.1:1/token\",service=\"registry\"";

        UserFailure bearer = assertThrows(UserFailure.class, () -> api(Optional.of(CREDENTIAL)).ping());

        assertEquals(List.of("GET /v2/ null"), received);
        assertEquals("The registry " + registry() + " sends clients to the token realm http://127.0.0.1:1/token, which is"
                + " plain HTTP: Turret sends the credential from test source to a realm only over TLS. Have the registry's"
                + " token realm served over HTTPS.", bearer.getMessage());
    }
}
