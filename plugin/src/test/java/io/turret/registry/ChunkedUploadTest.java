package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunked upload cut off in a chunk goes on from where the registry says it stands, against a fake registry. */
class ChunkedUploadTest {
    private HttpServer server;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final List<String> requests = new ArrayList<>();
    private volatile boolean cutNext = true;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            String method = exchange.getRequestMethod();
            synchronized (requests) {
                requests.add(method + " " + String.valueOf(exchange.getRequestHeaders().getFirst("Content-Range")));
            }
            exchange.getResponseHeaders().add("Location", "/v2/shop/api/blobs/uploads/s1");
            switch (method) {
                case "POST" -> exchange.sendResponseHeaders(202, -1);
                case "PATCH" -> {
                    long start = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Range").split("-")[0]);
                    if (start != held.size()) {
                        exchange.sendResponseHeaders(416, -1);
                        break;
                    }
                    try (InputStream in = exchange.getRequestBody()) {
                        if (cutNext && held.size() > 0) {
                            cutNext = false;
                            held.write(in.readNBytes(1000)); // the registry kept part of the chunk, then the line broke
                            throw new IllegalStateException("the connection breaks: the server closes it unanswered");
                        }
                        held.write(in.readAllBytes());
                    }
                    exchange.sendResponseHeaders(202, -1);
                }
                case "GET" -> {
                    exchange.getResponseHeaders().add("Range", "0-" + (held.size() - 1));
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> exchange.sendResponseHeaders(201, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCutChunkResumesFromTheOffsetTheRegistryHolds(@TempDir Path folder) throws Exception {
        byte[] blob = new byte[10_000];
        new Random(7).nextBytes(blob);
        Path file = Files.write(folder.resolve("blob"), blob);
        Digest digest = Digest.of(blob);
        Transport transport = new Transport("127.0.0.1:" + server.getAddress().getPort(), true, RegistryTrust.plainHttp(),
                new RetryPolicy(3, Duration.ofMillis(300)), Optional.empty());
        RegistryClient client = new RegistryClient(transport, new Authentication(transport, true, Optional.empty(),
                Log.silent()), 4000);
        client.uploadBlob("shop/api", digest, FileRegion.of(file), Progress.NONE);

        assertArrayEquals(blob, held.toByteArray());
        assertEquals(List.of("POST null", "PATCH 0-3999", "PATCH 4000-7999", "GET null", "PATCH 5000-8999",
                "PATCH 9000-9999", "PUT null"), requests);
    }
}
