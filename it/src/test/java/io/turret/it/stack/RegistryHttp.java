package io.turret.it.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;

/** The registry's HTTP API as a client speaks it, over TLS that trusts a given context, for tests. */
final class RegistryHttp {
    private final HttpClient http;
    private final URI base;
    private final String authorization;

    RegistryHttp(URI base, SSLContext tls, String username, String password) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = base;
        this.authorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(request(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uploads {@code blob} with the registry's protocol (start an upload, then PUT it whole) and returns its digest. */
    String uploadBlob(String repository, byte[] blob) throws IOException, InterruptedException {
        HttpResponse<Void> started = http.send(request(base.resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (started.statusCode() != 202) {
            throw new IOException("upload start answered " + started.statusCode());
        }
        String digest = digest(blob);
        URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<Void> put = http.send(request(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
        if (put.statusCode() != 201) {
            throw new IOException("upload of " + digest + " answered " + put.statusCode());
        }
        return digest;
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }
}
