package io.turret.goal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry (the distribution API's blob, upload and manifest calls) held in memory behind a
 * loopback HTTP server, without authentication. It refuses what a test tells it to: pushes to a
 * repository (403, as for a credential without push rights), or one repository's manifests (400).
 */
final class InMemoryRegistry implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/(.*)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/(.+)");

    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    private record Stored(byte[] bytes, String mediaType) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** repository → reference (a tag or a digest) → manifest. */
    private final Map<String, Map<String, Stored>> manifests = new ConcurrentHashMap<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Set<String> refusingPushes = ConcurrentHashMap.newKeySet();
    final Set<String> refusingManifests = ConcurrentHashMap.newKeySet();

    InMemoryRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The digest {@code repository}'s {@code tag} points to; empty when there is no such tag. */
    Optional<String> tagged(String repository, String tag) {
        Stored stored = manifests.getOrDefault(repository, Map.of()).get(tag);
        return Optional.ofNullable(stored).map(manifest -> digest(manifest.bytes()));
    }

    /** The bytes of {@code repository}'s manifest under {@code reference} (a tag or a digest). */
    Optional<byte[]> manifest(String repository, String reference) {
        return Optional.ofNullable(manifests.getOrDefault(repository, Map.of()).get(reference)).map(Stored::bytes);
    }

    Optional<byte[]> blob(String digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
        Matcher uploads = UPLOADS.matcher(path);
        Matcher blob = BLOB.matcher(path);
        Matcher manifest = MANIFEST.matcher(path);
        if (path.equals("/v2/")) {
            answer(exchange, 200, "{}");
        } else if (uploads.matches()) {
            upload(exchange, method, uploads.group(1), query, body);
        } else if (blob.matches()) {
            byte[] found = blobs.get(blob.group(2));
            if (found == null) {
                answer(exchange, 404, error("BLOB_UNKNOWN"));
            } else {
                exchange.getResponseHeaders().add("Docker-Content-Digest", blob.group(2));
                exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : found.length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(found);
                }
            }
        } else if (manifest.matches()) {
            manifest(exchange, method, manifest.group(1), manifest.group(2), body);
        } else {
            answer(exchange, 404, error("NAME_UNKNOWN"));
        }
    }

    private void upload(HttpExchange exchange, String method, String repository, String query, byte[] body) throws IOException {
        if (refusingPushes.contains(repository)) {
            answer(exchange, 403, error("DENIED"));
            return;
        }
        Map<String, String> parameters = parameters(query);
        switch (method) {
            case "POST" -> {
                String mounted = parameters.get("mount");
                if (mounted != null && blobs.containsKey(mounted)) {
                    exchange.getResponseHeaders().add("Docker-Content-Digest", mounted);
                    answer(exchange, 201, "");
                    return;
                }
                exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + UUID.randomUUID());
                answer(exchange, 202, "");
            }
            case "PUT" -> {
                String digest = parameters.get("digest");
                if (!digest(body).equals(digest)) {
                    answer(exchange, 400, error("DIGEST_INVALID"));
                    return;
                }
                blobs.put(digest, body);
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
                answer(exchange, 201, "");
            }
            default -> answer(exchange, 204, "");
        }
    }

    private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
            throws IOException {
        Map<String, Stored> stored = manifests.computeIfAbsent(repository, named -> new ConcurrentHashMap<>());
        switch (method) {
            case "PUT" -> {
                if (refusingManifests.contains(repository)) {
                    answer(exchange, 400, error("MANIFEST_INVALID"));
                    return;
                }
                String digest = digest(body);
                Stored manifest = new Stored(body, exchange.getRequestHeaders().getFirst("Content-Type"));
                // as distribution does: an index only after every manifest it names
                if (INDEX.equals(manifest.mediaType()) && !childrenThere(stored, body)) {
                    answer(exchange, 400, error("MANIFEST_BLOB_UNKNOWN"));
                    return;
                }
                stored.put(digest, manifest);
                stored.put(reference, manifest);
                events.add("manifest " + repository + ":" + reference);
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
                answer(exchange, 201, "");
            }
            case "DELETE" -> answer(exchange, stored.remove(reference) == null ? 404 : 202, "");
            default -> {
                events.add("read " + repository + ":" + reference);
                Stored found = stored.get(reference);
                if (found == null) {
                    answer(exchange, 404, error("MANIFEST_UNKNOWN"));
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", found.mediaType());
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest(found.bytes()));
                exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : found.bytes().length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(found.bytes());
                }
            }
        }
    }

    private static boolean childrenThere(Map<String, Stored> stored, byte[] index) throws IOException {
        for (com.fasterxml.jackson.databind.JsonNode child : io.turret.files.JsonFiles.JSON.readTree(index).path("manifests")) {
            if (!stored.containsKey(child.path("digest").asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return parameters;
    }

    private static String error(String code) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"refused by the test\"}]}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
