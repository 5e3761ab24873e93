package io.turret.registry;

import io.turret.oci.Digest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One blob uploaded in chunks: {@code PATCH}es with {@code Content-Range}, each of at most the
 * chunk size, then the closing {@code PUT ?digest=}. After a failed chunk it asks the session
 * where it stands ({@code GET}, the {@code Range} it holds) and goes on from there; a session the
 * registry no longer knows is replaced by a fresh one.
 */
final class ChunkedUpload {
    private final RegistryClient client;
    private final Transport transport;
    private final String repository;
    private final Digest digest;
    private final FileRegion blob;
    private final long chunkSize;
    private final Progress progress;
    private final Scopes scopes;

    ChunkedUpload(RegistryClient client, Transport transport, String repository, Digest digest, FileRegion blob, long chunkSize,
            Progress progress) {
        this.client = client;
        this.transport = transport;
        this.repository = repository;
        this.digest = digest;
        this.blob = blob;
        this.chunkSize = chunkSize;
        this.progress = progress;
        this.scopes = Scopes.push(repository);
    }

    void run() {
        long size = blob.size();
        int failures = 0;
        String location = start();
        long offset = 0;
        while (true) {
            try {
                while (offset < size) {
                    long end = Math.min(offset + chunkSize, size);
                    location = patch(location, offset, end);
                    offset = end;
                }
                finish(location);
                return;
            } catch (Transport.Unreachable e) {
                if (++failures >= transport.retry().attempts()) {
                    throw e;
                }
                Transport.pause(transport.retry().pauseAfter(failures));
                Optional<Long> held = held(location);
                if (held.isPresent()) {
                    offset = held.get();
                } else {
                    location = start();
                    offset = 0;
                }
            }
        }
    }

    private String start() {
        HttpResponse<String> started = client.startUpload(repository);
        return started.headers().firstValue("Location").filter(location -> started.statusCode() == 202)
                .orElseThrow(() -> client.refused("POST /v2/" + repository + "/blobs/uploads/", scopes, started));
    }

    /** Sends bytes [offset, end) and returns where the session goes on. */
    private String patch(String location, long offset, long end) {
        String what = "PATCH blob " + digest + " bytes " + offset + "-" + (end - 1) + " to " + repository;
        HttpResponse<String> response = client.sendOnce(what, scopes, progress, HttpRequest.newBuilder(
                transport.resolve(location)).header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (end - 1))
                .method("PATCH", blob.publisher(offset, end)));
        if (response.statusCode() != 202) {
            if (transport.retry().transientStatus(response.statusCode())) {
                throw new Transport.Unreachable(what + " answered HTTP " + response.statusCode(), null);
            }
            throw client.refused(what, scopes, response);
        }
        return response.headers().firstValue("Location").orElse(location);
    }

    private void finish(String location) {
        String what = "PUT blob " + digest + " to " + repository;
        HttpResponse<String> done = client.send(what, scopes, HttpRequest.newBuilder(transport.resolve(location
                + (location.contains("?") ? "&" : "?") + "digest=" + digest)).PUT(HttpRequest.BodyPublishers.noBody()));
        if (done.statusCode() != 201) {
            throw client.refused(what, scopes, done);
        }
        client.requireDigest(what, digest, done);
    }

    /** How many bytes the session holds ({@code Range: 0-N} means N + 1); empty when the registry lost it. */
    private Optional<Long> held(String location) {
        HttpResponse<String> status = client.send("GET the upload of " + digest, scopes,
                HttpRequest.newBuilder(transport.resolve(location)).GET());
        if (status.statusCode() != 204) {
            return Optional.empty();
        }
        return status.headers().firstValue("Range").map(range -> range.substring(range.indexOf('-') + 1))
                .map(last -> Long.parseLong(last.strip()) + 1);
    }
}
