package io.turret.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The front end, as a browser sees it, in the test environment turret:start brought up: a job
 * submitted to the api shows on the page once the worker has done it.
 */
class FrontendIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String url(String property) {
        String url = System.getProperty(property);
        if (url == null || url.isBlank() || url.startsWith("${")) {
            throw new IllegalStateException(property + " is not set: run this test with turret:start before it (mvn verify)");
        }
        return url;
    }

    @Test
    void aSubmittedJobShowsOnThePageWithItsResult() throws Exception {
        String payload = "hello from failsafe " + UUID.randomUUID();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(url("api.url") + "/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\": \"" + payload + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());

        Instant deadline = Instant.now().plusSeconds(20);
        String page;
        do {
            page = http.send(HttpRequest.newBuilder(URI.create(url("frontend.url") + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (page.contains(payload) && page.contains("done: 4 words")) {
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        assertTrue(page.contains(payload), "the job is on the page: " + page);
        assertTrue(page.contains("done: 4 words"), "the worker's result is on the page: " + page);
    }
}
