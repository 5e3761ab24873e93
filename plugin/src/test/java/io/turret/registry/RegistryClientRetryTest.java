package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.turret.failure.EnvironmentFailure;
import io.turret.report.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry loop of the registry client, against a small fake registry that fails on purpose. */
class RegistryClientRetryTest {
    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RegistryClient api() {
        return RegistryClient.open("127.0.0.1:" + server.getAddress().getPort(), true, RegistryTrust.plainHttp(), Optional.empty(),
                new RetryPolicy(3, Duration.ofMillis(10)), Log.silent());
    }

    @Test
    void aTransientFailureIsRetried() {
        failuresLeft.set(2);

        api().ping();

        assertEquals(List.of("GET /v2/", "GET /v2/", "GET /v2/"), requests);
    }

    @Test
    void aFailureThatLastsIsReportedAfterTheLastAttempt() {
        failuresLeft.set(10);

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, () -> api().ping());

        assertEquals(3, requests.size());
        assertTrue(failure.getMessage().startsWith("The registry 127.0.0.1:" + server.getAddress().getPort()
                + " answered HTTP 503 to GET /v2/ after 3 attempts"), failure.getMessage());
    }

    @Test
    void aRegistryThatRefusesTheConnectionIsToldInWordsAndOneSentence() {
        // nothing listens on port 1 of loopback; the JDK's HTTP client throws a ConnectException without a message
        RegistryClient unreachable = RegistryClient.open("127.0.0.1:1", true, RegistryTrust.plainHttp(), Optional.empty(),
                new RetryPolicy(2, Duration.ZERO), Log.silent());

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, unreachable::ping);

        assertEquals("The registry 127.0.0.1:1 could not be reached for GET /v2/ after 2 attempt(s): the connection was refused.",
                failure.getMessage());
    }
}
