package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.turret.failure.EnvironmentFailure;
import io.turret.report.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manifests in every format, and tag deletion, against a small fake registry. */
class ManifestCallsTest {
    private static final byte[] INDEX = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private volatile String accept;
    private volatile int deleteStatus;
    private volatile String deleteBody = "";
    private volatile String reportedDigest;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            accept = exchange.getRequestHeaders().getFirst("Accept");
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    exchange.getResponseHeaders().add("Content-Type", Manifest.OCI_INDEX);
                    exchange.sendResponseHeaders(200, INDEX.length);
                    exchange.getResponseBody().write(INDEX);
                }
                case "PUT" -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Docker-Content-Digest", reportedDigest);
                    exchange.sendResponseHeaders(201, -1);
                }
                default -> {
                    byte[] body = deleteBody.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(deleteStatus, body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RegistryClient client() {
        return RegistryClient.open("127.0.0.1:" + server.getAddress().getPort(), true, RegistryTrust.plainHttp(),
                Optional.empty(), new RetryPolicy(1, Duration.ZERO), Log.silent());
    }

    @Test
    void aTagOnAnOciIndexIsReadAsTheRegistryHoldsIt() {
        Manifest manifest = client().getManifest("shop/api", "production");

        assertEquals(Manifest.OCI_INDEX, manifest.mediaType());
        assertTrue(manifest.isIndex());
        assertEquals(new String(INDEX, StandardCharsets.UTF_8), new String(manifest.bytes(), StandardCharsets.UTF_8));
        for (String type : Manifest.ACCEPTED) {
            assertTrue(accept.contains(type), accept);
        }
    }

    @Test
    void aManifestWhoseDigestTheRegistryReportsOtherwiseIsRefused() {
        Manifest manifest = new Manifest(INDEX, Manifest.OCI_INDEX);
        reportedDigest = manifest.digest().toString();
        assertEquals(manifest.digest(), client().putManifest("shop/api", "dev", manifest));

        reportedDigest = "sha256:" + "0".repeat(64);
        EnvironmentFailure changed = assertThrows(EnvironmentFailure.class, () -> client().putManifest("shop/api", "dev",
                manifest));
        assertTrue(changed.getMessage().contains("the content changed on the way"), changed.getMessage());
    }

    @Test
    void aTagDeletionSaysWhatBecameOfIt() {
        deleteStatus = 202;
        assertEquals(RegistryClient.Deletion.DELETED, client().deleteTag("shop/api", "old"));
        deleteStatus = 404;
        deleteBody = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}";
        assertEquals(RegistryClient.Deletion.ABSENT, client().deleteTag("shop/api", "old"));
        deleteStatus = 405;
        deleteBody = "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}";
        assertEquals(RegistryClient.Deletion.UNSUPPORTED, client().deleteTag("shop/api", "old"));
    }
}
