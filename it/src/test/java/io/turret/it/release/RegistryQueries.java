package io.turret.it.release;

import io.turret.it.stack.RegistryStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Optional;

/** What the tests ask the stack's registry, through nginx as any client would. */
final class RegistryQueries {
    private RegistryQueries() {
    }

    static HttpResponse<String> get(RegistryStack stack, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(stack.sslContext()).build();
        String basic = Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(stack.url() + path)).header("Authorization", "Basic " + basic)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Puts a Docker v2 manifest under {@code reference}; returns the status. */
    static int putManifest(RegistryStack stack, String repository, String reference, String manifest) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(stack.sslContext()).build();
        String basic = Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(stack.url() + "/v2/" + repository + "/manifests/" + reference))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The digest {@code repository:tag} points at; empty when there is no such tag. */
    static Optional<String> tagDigest(RegistryStack stack, String repository, String tag) throws Exception {
        HttpResponse<String> manifest = get(stack, "/v2/" + repository + "/manifests/" + tag);
        return manifest.statusCode() == 200 ? manifest.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    /** Blob uploads nginx has seen: the PUTs that finish them. */
    static long blobUploads(RegistryStack stack) throws Exception {
        return Files.readAllLines(stack.proxy().accessLog()).stream()
                .filter(line -> line.contains("\"PUT /v2/") && line.contains("/blobs/uploads/")).count();
    }
}
