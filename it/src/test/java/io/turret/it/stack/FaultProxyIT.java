package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.stack.FaultProxy.Exchange;
import io.turret.it.stack.FaultProxy.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each fault of the fault proxy, seen by a plain HTTP client of the token registry behind it. */
@ExtendWith(TokenRegistryStackExtension.class)
class FaultProxyIT {
    private static final String UPLOAD = "/v2/.+/blobs/uploads/.+";

    @AfterEach
    void disarm(TokenRegistryStack stack) {
        stack.faults().clearFaults();
    }

    @Test
    void passesAnUploadWithAChunkedBodyThrough(TokenRegistryStack stack) throws Exception {
        byte[] blob = blob(200_000);
        String token = token(stack, "it/faults-pass");
        URI location = startUpload(stack, "it/faults-pass", token);

        HttpResponse<String> put = client(stack).send(HttpRequest.newBuilder(withDigest(location, blob))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(201, put.statusCode(), put.body());
        assertTrue(stored(stack, "it/faults-pass", blob, token));
        assertEquals(1, stack.registryRequests().stream()
                .filter(request -> request.isCompletedUpload() && request.path().startsWith("/v2/it/faults-pass/")).count(),
                "the registry's access log counts the upload");
    }

    @Test
    void slowsAMatchingBodyDown(TokenRegistryStack stack) throws Exception {
        byte[] blob = blob(60_000);
        String token = token(stack, "it/faults-slow");
        URI location = startUpload(stack, "it/faults-slow", token);
        stack.faults().slowBody("PUT", UPLOAD, 30_000, 1);

        long start = System.nanoTime();
        HttpResponse<String> put = put(stack, withDigest(location, blob), blob, token);

        assertEquals(201, put.statusCode(), put.body());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1900, "60 kB at 30 kB/s take 2 s");
    }

    @Test
    void answers503ToTheNextMatchingRequestsThenPassesThrough(TokenRegistryStack stack) throws Exception {
        stack.faults().answer(503, "GET", "/v2/", 2);

        List<Integer> statuses = List.of(get(stack, "/v2/"), get(stack, "/v2/"), get(stack, "/v2/"));

        assertEquals(List.of(503, 503, 401), statuses, "the third reaches the registry, which wants a token");
        assertEquals(List.of(Kind.ANSWER, Kind.ANSWER, Kind.NONE), lastKinds(stack, 3));
    }

    @Test
    void answers429WithRetryAfter(TokenRegistryStack stack) throws Exception {
        stack.faults().tooManyRequests("GET", "/v2/", 7, 1);

        HttpResponse<String> response = client(stack).send(HttpRequest.newBuilder(faulty(stack, "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(429, response.statusCode());
        assertEquals("7", response.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void losesTheResponseOfAnUploadTheRegistryCompleted(TokenRegistryStack stack) throws Exception {
        byte[] blob = blob(10_000);
        String token = token(stack, "it/faults-lost");
        URI location = startUpload(stack, "it/faults-lost", token);
        stack.faults().loseResponse("PUT", UPLOAD, 1);

        assertThrows(IOException.class, () -> put(stack, withDigest(location, blob), blob, token));

        assertTrue(stored(stack, "it/faults-lost", blob, token), "the registry stored the blob all the same");
        assertTrue(stack.faults().exchanges().stream().anyMatch(e -> e.fault() == Kind.LOSE_RESPONSE
                && e.target().startsWith("/v2/it/faults-lost/") && e.status() == 201), "the registry answered 201");
    }

    @Test
    void resetsTheConnectionInTheMiddleOfAnUploadBody(TokenRegistryStack stack) throws Exception {
        byte[] blob = blob(500_000);
        String token = token(stack, "it/faults-reset");
        URI location = startUpload(stack, "it/faults-reset", token);
        stack.faults().resetDuringBody("PUT", UPLOAD, 64 * 1024, 1);

        assertThrows(IOException.class, () -> put(stack, withDigest(location, blob), blob, token));

        assertFalse(stored(stack, "it/faults-reset", blob, token), "nothing stored");
        assertTrue(stack.faults().exchanges().stream().anyMatch(e -> e.fault() == Kind.RESET
                && e.target().startsWith("/v2/it/faults-reset/") && e.status() == -1));
    }

    @Test
    void holdsMatchingRequestsUntilReleased(TokenRegistryStack stack) throws Exception {
        FaultProxy.Hold hold = stack.faults().hold("GET", "/v2/");

        CompletableFuture<HttpResponse<Void>> held = client(stack).sendAsync(
                HttpRequest.newBuilder(faulty(stack, "/v2/")).build(), HttpResponse.BodyHandlers.discarding());

        assertTrue(hold.awaitHeld(1, Duration.ofSeconds(10)), "the request arrived and is held");
        Thread.sleep(300);
        assertFalse(held.isDone(), "no answer while held");
        hold.release();
        assertEquals(401, held.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(401, get(stack, "/v2/"), "later requests pass");
    }

    private static HttpClient client(TokenRegistryStack stack) {
        return HttpClient.newBuilder().sslContext(stack.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static URI faulty(TokenRegistryStack stack, String path) {
        return URI.create("https://" + stack.faults().address() + path);
    }

    private static int get(TokenRegistryStack stack, String path) throws Exception {
        return client(stack).send(HttpRequest.newBuilder(faulty(stack, path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String token(TokenRegistryStack stack, String repository) throws Exception {
        return new BearerHttp(stack).token(stack.pusher(), "repository:" + repository + ":pull,push");
    }

    private static URI startUpload(TokenRegistryStack stack, String repository, String token) throws Exception {
        HttpResponse<String> started = new BearerHttp(stack).send("POST", faulty(stack, "/v2/" + repository + "/blobs/uploads/"),
                token, null);
        assertEquals(202, started.statusCode(), started.body());
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        assertEquals(stack.faults().address(), location.getAuthority(), "the registry sends the client back through the proxy");
        return location;
    }

    private static HttpResponse<String> put(TokenRegistryStack stack, URI uri, byte[] body, String token) throws Exception {
        return new BearerHttp(stack).send("PUT", uri, token, body);
    }

    /** The registry answers a blob's HEAD with 404, or with the blob (200) or a redirect to it in S3 (307). */
    private static boolean stored(TokenRegistryStack stack, String repository, byte[] blob, String token) throws Exception {
        int status = new BearerHttp(stack).send("HEAD", faulty(stack, "/v2/" + repository + "/blobs/" + RegistryHttp.digest(blob)),
                token, null).statusCode();
        assertTrue(List.of(200, 307, 404).contains(status), "HEAD answered " + status);
        return status != 404;
    }

    private static URI withDigest(URI location, byte[] blob) {
        return URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest=" + RegistryHttp.digest(blob));
    }

    private static List<Kind> lastKinds(TokenRegistryStack stack, int count) {
        List<Exchange> all = stack.faults().exchanges();
        return all.subList(all.size() - count, all.size()).stream().map(Exchange::fault).toList();
    }

    private static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        byte[] unique = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(unique, 0, bytes, 0, unique.length);
        return bytes;
    }
}
