package io.turret.it.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.stack.TokenSigner.Access;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The registry's token realm, in this JVM, over HTTPS with the stack's CA: {@code GET /token}
 * with basic auth (or none: anonymous), and the OAuth2 {@code POST /token} with
 * {@code grant_type=password} or {@code refresh_token} (what {@code docker login}'s identity
 * tokens use). It grants what its {@link AccessTable} allows, and records every request.
 */
public final class TokenServer implements AutoCloseable {
    /** The registry accepts a token this long past its {@code exp}. */
    public static final Duration REGISTRY_LEEWAY = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpsServer server;
    private final ExecutorService threads;
    private final TokenSigner signer;
    private final AccessTable access = new AccessTable();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofSeconds(10);
    private volatile boolean expiresWhenSaid;
    private volatile boolean refreshTokensOffered = true;

    private TokenServer(HttpsServer server, ExecutorService threads, TokenSigner signer) {
        this.server = server;
        this.threads = threads;
        this.signer = signer;
    }

    public static TokenServer start(CertificateAuthority ca, TokenSigner signer) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", LoopbackPorts.free()), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(ca.serverSslContext()));
            ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "turret-token-server");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            TokenServer tokens = new TokenServer(server, threads, signer);
            server.createContext("/token", tokens::handle);
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the token server: " + e.getMessage(), e);
        }
    }

    /** The realm the registry names in its {@code WWW-Authenticate: Bearer} challenge. */
    public URI realm() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Users, passwords and grants; change them at any time. */
    public AccessTable access() {
        return access;
    }

    /** How long tokens live, as {@code expires_in} tells clients (default 10 s). */
    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * With {@code true}, a token's {@code exp} is set {@link #REGISTRY_LEEWAY} early, so that the
     * registry really refuses it once {@code expires_in} has passed (default {@code false}: the
     * registry accepts it for another 60 s, as with most real token servers).
     */
    public void expiresWhenSaid(boolean enforced) {
        this.expiresWhenSaid = enforced;
    }

    /** Whether a client asking for offline access gets a {@code refresh_token} (default {@code true}). */
    public void offerRefreshTokens(boolean offered) {
        this.refreshTokensOffered = offered;
    }

    /** Every token request so far, oldest first. */
    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    /** The token requests made by {@code user} ({@link AccessTable#ANONYMOUS} for anonymous ones). */
    public List<TokenRequest> requestsBy(String user) {
        return requests.stream().filter(request -> request.user().equals(user)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> parameters = parameters(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (method.equals("POST")) {
                parameters.putAll(parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer(exchange, oauth(parameters));
            } else if (method.equals("GET")) {
                answer(exchange, basic(exchange.getRequestHeaders().getFirst("Authorization"), parameters));
            } else {
                answer(exchange, new Answer(405, Map.of("error", "GET or POST"), null));
            }
        }
    }

    /** The registry's own token protocol: credentials in basic auth, scopes as repeated parameters. */
    private Answer basic(String authorization, Map<String, List<String>> parameters) {
        List<String> scopes = scopes(parameters.getOrDefault("scope", List.of()));
        String user = AccessTable.ANONYMOUS;
        if (authorization != null) {
            String[] credential = decodeBasic(authorization);
            if (credential == null || !access.checks(credential[0], credential[1])) {
                String name = credential == null ? "?" : credential[0];
                return refused(new TokenRequest(Instant.now(), "GET", "basic", name, scopes, List.of(), 401));
            }
            user = credential[0];
        }
        boolean offline = "true".equals(first(parameters, "offline_token"));
        return issue("GET", "basic", user, parameters, scopes, offline);
    }

    /** OAuth2: {@code grant_type=password} or {@code refresh_token}, scopes space-separated. */
    private Answer oauth(Map<String, List<String>> parameters) {
        List<String> scopes = scopes(parameters.getOrDefault("scope", List.of()));
        String grant = first(parameters, "grant_type");
        if ("password".equals(grant)) {
            String user = first(parameters, "username");
            if (user == null || !access.checks(user, first(parameters, "password"))) {
                return refused(new TokenRequest(Instant.now(), "POST", grant, user == null ? "?" : user, scopes, List.of(), 401));
            }
            return issue("POST", grant, user, parameters, scopes, "offline".equals(first(parameters, "access_type")));
        }
        if ("refresh_token".equals(grant)) {
            String user = refreshTokens.get(String.valueOf(first(parameters, "refresh_token")));
            if (user == null) {
                requests.add(new TokenRequest(Instant.now(), "POST", grant, "?", scopes, List.of(), 400));
                return new Answer(400, Map.of("error", "invalid_grant"), null);
            }
            return issue("POST", grant, user, parameters, scopes, true);
        }
        requests.add(new TokenRequest(Instant.now(), "POST", String.valueOf(grant), "?", scopes, List.of(), 400));
        return new Answer(400, Map.of("error", "unsupported_grant_type"), null);
    }

    private Answer issue(String method, String grant, String user, Map<String, List<String>> parameters,
            List<String> scopes, boolean offline) {
        String service = first(parameters, "service");
        if (service != null && !service.equals(signer.service())) {
            requests.add(new TokenRequest(Instant.now(), method, grant, user, scopes, List.of(), 400));
            return new Answer(400, Map.of("error", "invalid_request", "error_description", "unknown service " + service), null);
        }
        List<Access> granted = access.granted(user, scopes);
        Instant now = Instant.now();
        Duration life = lifetime;
        Instant expiry = expiresWhenSaid ? now.plus(life).minus(REGISTRY_LEEWAY) : now.plus(life);
        String token = signer.sign(user, granted, expiry);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", life.toSeconds());
        body.put("issued_at", now.toString());
        if (offline && refreshTokensOffered && !user.equals(AccessTable.ANONYMOUS)) {
            String refresh = grant.equals("refresh_token") ? first(parameters, "refresh_token")
                    : HexFormat.of().formatHex(RANDOM.generateSeed(16));
            refreshTokens.put(refresh, user);
            body.put("refresh_token", refresh);
        }
        requests.add(new TokenRequest(now, method, grant, user, scopes, granted, 200));
        return new Answer(200, body, null);
    }

    private Answer refused(TokenRequest request) {
        requests.add(request);
        return new Answer(401, Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED", "message", "authentication required"))),
                "Basic realm=\"Turret test token server\"");
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (answer.challenge() != null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", answer.challenge());
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String[] decodeBasic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> scopes(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(" "))).filter(s -> !s.isBlank()).toList();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> parameters(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private record Answer(int status, Object body, String challenge) {
    }

    /**
     * One request to the realm, for tests to assert on.
     *
     * @param grant {@code basic} for the registry's GET protocol, else the OAuth2 grant type
     * @param user who asked: a user name, {@link AccessTable#ANONYMOUS}, or {@code ?} when unknown
     * @param status what the token server answered
     */
    public record TokenRequest(Instant at, String method, String grant, String user, List<String> scopes,
            List<Access> granted, int status) {
    }
}
