package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A body's timeout measures inactivity, not the whole body, against a fake registry that reads slowly or not at all. */
class TransportInactivityTest {
    private static final int SLOW_BODY = 4 << 20;
    /** More than the loopback connection's buffers hold. */
    private static final int STALLED_BODY = 256 << 20;
    private static final int CHUNK = 16 << 10; // as a file's body comes

    private HttpServer server;
    private volatile boolean stalls;
    private final CountDownLatch stop = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 << 10];
                long read = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (stalls) {
                        stop.await();
                        return;
                    }
                    if ((read + n) / (256 << 10) > read / (256 << 10)) {
                        Thread.sleep(150); // about 1.7 MB/s: the whole body takes over 2 s
                    }
                    read += n;
                }
                exchange.sendResponseHeaders(read == SLOW_BODY ? 201 : 400, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void close() {
        stop.countDown();
        server.stop(0);
    }

    private HttpResponse<String> put(Transport transport, int size) {
        return transport.sendOnce("PUT blob", HttpRequest.newBuilder(transport.resolve("/v2/blob"))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
                        Collections.nCopies(size / CHUNK, new byte[CHUNK])), size)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Transport transport() {
        return new Transport("127.0.0.1:" + server.getAddress().getPort(), true, RegistryTrust.plainHttp(),
                new RetryPolicy(1, Duration.ZERO), Optional.empty(), Duration.ofSeconds(1));
    }

    @Test
    void aBodyThatKeepsMovingTakesAsLongAsItNeeds() {
        assertEquals(201, put(transport(), SLOW_BODY).statusCode());
    }

    @Test
    void aBodyThatStopsMovingFails() {
        stalls = true;

        Transport.Unreachable stalled = assertThrows(Transport.Unreachable.class, () -> put(transport(), STALLED_BODY));

        assertTrue(stalled.getMessage().contains("nothing moved for 1 s"), stalled.getMessage());
    }
}
