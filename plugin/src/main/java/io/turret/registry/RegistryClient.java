package io.turret.registry;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialSearch;
import io.turret.auth.RegistryCredential;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The calls of the registry API (distribution v2) that pushes, promotions and pulls make, over a
 * {@link Transport} and answering challenges with {@link Authentication}. No message it makes
 * holds a credential.
 */
public final class RegistryClient {
    private static final long BIG_BODY = 1 << 20;

    private final Transport transport;
    private final Authentication authentication;
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger mounts = new AtomicInteger();
    /** Whether the credential was refused a DELETE of an unused upload: then unused uploads are left to the registry's purge. */
    private final AtomicBoolean cancelRefused = new AtomicBoolean();
    private final long chunkSize;

    /** What became of a tag's deletion. */
    public enum Deletion { DELETED, ABSENT, UNSUPPORTED }

    public RegistryClient(Transport transport, Authentication authentication) {
        this(transport, authentication, 0);
    }

    /** @param chunkSize the bytes of each {@code PATCH} of a chunked blob upload; 0 for one request per blob */
    public RegistryClient(Transport transport, Authentication authentication, long chunkSize) {
        this.transport = transport;
        this.authentication = authentication;
        this.chunkSize = chunkSize;
    }

    /** A client of {@code registry} ({@code host[:port]}) that reaches it directly, through no proxy. */
    public static RegistryClient open(String registry, boolean plainHttp, RegistryTrust trust,
            Optional<RegistryCredential> credential, RetryPolicy retry, Log log) {
        return open(registry, plainHttp, trust, CredentialSearch.given(credential), retry, Optional.empty(), 0, log);
    }

    /**
     * @param credential the credential found for the registry, if any, and where it was looked for
     * @param proxy the proxy, which names the hosts that go direct; empty for none
     * @param chunkSize the bytes of each {@code PATCH} of a chunked blob upload; 0 for one request per blob
     */
    public static RegistryClient open(String registry, boolean plainHttp, RegistryTrust trust,
            CredentialSearch credential, RetryPolicy retry, Optional<Proxies.Choice> proxy, long chunkSize, Log log) {
        Transport transport = new Transport(registry, plainHttp, trust, retry, proxy);
        return new RegistryClient(transport, new Authentication(transport, plainHttp, credential, log), chunkSize);
    }

    public String registry() {
        return transport.registry();
    }

    /** What its TLS connections trust, for messages. */
    public String trusting() {
        return transport.trust().description();
    }

    /** How many blobs this client uploaded. */
    public int uploads() {
        return uploads.get();
    }

    /** How many blobs this client mounted from another repository. */
    public int mounts() {
        return mounts.get();
    }

    /** Checks that the registry answers over verified TLS and accepts the credential. */
    public void ping() {
        HttpResponse<String> response = send("GET /v2/", Scopes.NONE, HttpRequest.newBuilder(transport.resolve("/v2/")).GET());
        if (response.statusCode() != 200) {
            throw refused("GET /v2/", Scopes.NONE, response);
        }
    }

    /** Checks that {@code repository} may be pushed to: starts a blob upload and cancels it. */
    public void requirePushAccess(String repository) {
        HttpResponse<String> started = startUpload(repository);
        if (started.statusCode() != 202) {
            throw refused("POST /v2/" + repository + "/blobs/uploads/ (may this credential push there?)",
                    Scopes.push(repository), started);
        }
        started.headers().firstValue("Location").ifPresent(location -> cancelUpload(repository, location));
    }

    /**
     * Deletes an upload session that will not be used. Token registries ask for the {@code delete}
     * action, which a pushing robot often lacks: once refused, sessions are left for the registry
     * to purge (distribution does after a week), rather than asking again for each repository.
     */
    private void cancelUpload(String repository, String location) {
        if (cancelRefused.get()) {
            return;
        }
        int status = send("DELETE an unused upload in " + repository, Scopes.delete(repository),
                HttpRequest.newBuilder(transport.resolve(location)).DELETE()).statusCode();
        if (status == 401 || status == 403) {
            cancelRefused.set(true);
        }
    }

    /**
     * Whether {@code repository} holds the blob. A registry on S3 answers with a redirect to the
     * object: that counts only when it names the very digest or, as distribution's redirects name
     * none, when the object it points to is there (asked without our {@code Authorization}).
     */
    public boolean hasBlob(String repository, Digest digest) {
        String what = "HEAD /v2/" + repository + "/blobs/" + digest;
        HttpResponse<String> response = send(what, Scopes.pull(repository), HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        int status = response.statusCode();
        if (status / 100 == 3) {
            Optional<String> named = response.headers().firstValue("Docker-Content-Digest");
            Optional<String> location = response.headers().firstValue("Location");
            if (named.isPresent() || location.isEmpty()) {
                return named.map(digest.toString()::equals).orElse(false);
            }
            status = transport.send(what + " (redirected)", HttpRequest.newBuilder(response.uri().resolve(location.get()))
                    .timeout(Transport.ANSWER_TIMEOUT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200;
        }
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw refused(what, Scopes.pull(repository), response);
    }

    /**
     * Uploads a blob in one request (a monolithic upload). Each attempt starts a fresh upload
     * session: a session whose answer was lost may be finished already, and the registry refuses to
     * use it again. Before a new attempt, a blob that arrived anyway is not sent again.
     */
    public void uploadBlob(String repository, Digest digest, Supplier<HttpRequest.BodyPublisher> content) {
        uploadBlob(repository, digest, content, Progress.NONE);
    }

    /** As {@link #uploadBlob(String, Digest, Supplier)}, telling {@code progress} how a long upload goes. */
    public void uploadBlob(String repository, Digest digest, Supplier<HttpRequest.BodyPublisher> content, Progress progress) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> started = startUpload(repository);
            String location = started.headers().firstValue("Location").orElse(null);
            if (started.statusCode() != 202 || location == null) {
                throw refused("POST /v2/" + repository + "/blobs/uploads/", Scopes.push(repository), started);
            }
            String what = "PUT blob " + digest + " to " + repository;
            try {
                HttpResponse<String> done = sendOnce(what, Scopes.push(repository), progress, HttpRequest.newBuilder(
                        transport.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest))
                        .header("Content-Type", "application/octet-stream").PUT(content.get()));
                if (done.statusCode() == 201) {
                    requireDigest(what, digest, done);
                    uploads.incrementAndGet();
                    return;
                }
                if (!transport.retry().transientStatus(done.statusCode()) || attempt >= transport.retry().attempts()) {
                    throw refused(what, Scopes.push(repository), done);
                }
                Transport.pause(transport.retry().pauseAfter(attempt, done.headers().firstValue("Retry-After")));
            } catch (Transport.Unreachable e) {
                if (attempt >= transport.retry().attempts()) {
                    throw new EnvironmentFailure("The registry " + registry() + " could not be reached for " + what + " after "
                            + attempt + " attempt(s): " + Causes.describe(e.getCause()) + ".", e);
                }
                Transport.pause(transport.retry().pauseAfter(attempt));
            }
            if (hasBlob(repository, digest)) {
                uploads.incrementAndGet(); // stored, though its answer was lost
                return;
            }
        }
    }

    /**
     * Uploads the blob in {@code blob}: in one request, or, with a chunk size, in {@code PATCH}es of
     * that size, resuming after a failure from the offset the registry reports it holds.
     */
    public void uploadBlob(String repository, Digest digest, FileRegion blob, Progress progress) {
        if (chunkSize <= 0) {
            uploadBlob(repository, digest, () -> blob.publisher(0, blob.size()), progress);
            return;
        }
        new ChunkedUpload(this, transport, repository, digest, blob, chunkSize, progress).run();
        uploads.incrementAndGet();
    }

    /**
     * Mounts a blob that {@code source}, a repository of the same registry, holds: true when the
     * registry did, false when it declined (the blob must then be uploaded).
     */
    public boolean mountBlob(String repository, Digest digest, String source) {
        Scopes scopes = Scopes.mount(repository, source);
        HttpResponse<String> response = send("mount blob " + digest + " from " + source, scopes, HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + source))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 201) {
            requireDigest("mount blob " + digest + " into " + repository, digest, response);
            mounts.incrementAndGet();
            return true;
        }
        if (response.statusCode() == 202) {
            // declined: it opened an upload session instead, which is not used
            response.headers().firstValue("Location").ifPresent(location -> cancelUpload(repository, location));
            return false;
        }
        throw refused("POST /v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + source, scopes, response);
    }

    /**
     * The blob's content, read as a stream. A redirect (to S3, say) is followed without our
     * {@code Authorization} header, which belongs to the registry alone.
     */
    public InputStream openBlob(String repository, Digest digest) {
        String what = "GET blob " + digest + " from " + repository;
        HttpResponse<InputStream> response = exchange(what, Scopes.pull(repository), HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/blobs/" + digest)).GET(), HttpResponse.BodyHandlers.ofInputStream(),
                true);
        if (response.statusCode() / 100 == 3) {
            URI target = response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                    () -> new EnvironmentFailure("The registry " + registry() + " redirected " + what + " to nowhere.")));
            close(response.body());
            response = transport.send(what, HttpRequest.newBuilder(target).timeout(Transport.ANSWER_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() != 200) {
            close(response.body());
            throw new EnvironmentFailure("The registry " + registry() + " answered HTTP " + response.statusCode() + " to "
                    + what + ".");
        }
        return response.body();
    }

    /** Puts a manifest under a tag or its digest, and returns its digest, checked against the registry's. */
    public Digest putManifest(String repository, String reference, Manifest manifest) {
        String what = "PUT /v2/" + repository + "/manifests/" + reference;
        HttpResponse<String> response = send(what, Scopes.push(repository), HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/manifests/" + reference)).header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())));
        if (response.statusCode() != 201) {
            throw refused(what, Scopes.push(repository), response);
        }
        requireDigest(what, manifest.digest(), response);
        return manifest.digest();
    }

    /** The digest a tag (or digest) points at now; empty when it (or the repository) does not exist. */
    public Optional<Digest> manifestDigest(String repository, String reference) {
        String what = "HEAD /v2/" + repository + "/manifests/" + reference;
        HttpResponse<String> response = send(what, Scopes.pull(repository), accepting(HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/manifests/" + reference))).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw refused(what, Scopes.pull(repository), response);
        }
        return response.headers().firstValue("Docker-Content-Digest").map(digest -> Digest.parse(digest, "The registry "
                + registry() + " answered " + what + " with the Docker-Content-Digest"));
    }

    /** The manifest or index a tag or digest points at, in the format the registry holds; empty when there is none. */
    public Optional<Manifest> findManifest(String repository, String reference) {
        String what = "GET /v2/" + repository + "/manifests/" + reference;
        HttpResponse<byte[]> response = exchange(what, Scopes.pull(repository), accepting(HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/manifests/" + reference))).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), true);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw refused(what, Scopes.pull(repository), response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest(response.body(), response.headers().firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip()).orElse(Manifest.DOCKER_V2));
        if (reference.startsWith("sha256:") && !reference.equals(manifest.digest().toString())) {
            throw new EnvironmentFailure("The registry " + registry() + " answered " + what + " with a manifest whose digest is "
                    + manifest.digest() + ".");
        }
        return Optional.of(manifest);
    }

    public Manifest getManifest(String repository, String reference) {
        return findManifest(repository, reference).orElseThrow(() -> new EnvironmentFailure("The registry " + registry()
                + " has no manifest " + repository + (reference.startsWith("sha256:") ? "@" : ":") + reference + "."));
    }

    /**
     * Deletes a tag. Many registries (distribution 2.8 among them) delete manifests only by digest,
     * and many credentials may push but not delete: UNSUPPORTED.
     */
    public Deletion deleteTag(String repository, String tag) {
        String what = "DELETE /v2/" + repository + "/manifests/" + tag;
        HttpResponse<String> response = send(what, Scopes.delete(repository), HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/manifests/" + tag)).DELETE());
        int status = response.statusCode();
        if (status == 202 || status == 200 || status == 204) {
            return Deletion.DELETED;
        }
        if (status == 404 && !response.body().contains("UNSUPPORTED")) {
            return Deletion.ABSENT;
        }
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 405 || status == 501) {
            return Deletion.UNSUPPORTED;
        }
        throw refused(what, Scopes.delete(repository), response);
    }

    HttpResponse<String> startUpload(String repository) {
        return send("POST an upload to " + repository, Scopes.push(repository), HttpRequest.newBuilder(
                transport.resolve("/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    void requireDigest(String what, Digest expected, HttpResponse<?> response) {
        Optional<String> reported = response.headers().firstValue("Docker-Content-Digest");
        if (reported.isPresent() && !reported.get().equals(expected.toString())) {
            throw new EnvironmentFailure("The registry " + registry() + " stored " + reported.get() + " for " + what
                    + ", not " + expected + ": the content changed on the way. Push again; if it repeats, check what"
                    + " stands between here and the registry (a proxy that rewrites bodies).");
        }
    }

    private static HttpRequest.Builder accepting(HttpRequest.Builder request) {
        return request.header("Accept", String.join(", ", Manifest.ACCEPTED));
    }

    HttpResponse<String> send(String what, Scopes scopes, HttpRequest.Builder request) {
        return exchange(what, scopes, request, HttpResponse.BodyHandlers.ofString(), true);
    }

    HttpResponse<String> sendOnce(String what, Scopes scopes, Progress progress, HttpRequest.Builder request) {
        return exchange(what, scopes, request, HttpResponse.BodyHandlers.ofString(), false, progress);
    }

    /**
     * Sends the request with the authorization known for its scopes; answers a 401 challenge once,
     * as it asks (a credential, a token, a new token for one that expired).
     */
    private <T> HttpResponse<T> exchange(String what, Scopes scopes, HttpRequest.Builder request,
            HttpResponse.BodyHandler<T> body, boolean retried) {
        return exchange(what, scopes, request, body, retried, Progress.NONE);
    }

    private <T> HttpResponse<T> exchange(String what, Scopes scopes, HttpRequest.Builder request,
            HttpResponse.BodyHandler<T> body, boolean retried, Progress progress) {
        Optional<String> authorization = authentication.authorization(scopes);
        HttpResponse<T> response = sent(what, authorized(request, authorization), body, retried, progress);
        if (response.statusCode() == 401
                && authentication.answer(response.headers().allValues("WWW-Authenticate"), scopes, authorization)) {
            if (response.body() instanceof InputStream stream) {
                close(stream);
            }
            response = sent(what, authorized(request, authentication.authorization(scopes)), body, retried, progress);
        }
        return response;
    }

    private <T> HttpResponse<T> sent(String what, HttpRequest request, HttpResponse.BodyHandler<T> body, boolean retried,
            Progress progress) {
        return retried ? transport.send(what, request, body) : transport.sendOnce(what, request, body, progress);
    }

    private static HttpRequest authorized(HttpRequest.Builder request, Optional<String> authorization) {
        HttpRequest.Builder copy = request.copy();
        // a blob's upload may take long on a slow link (the transport watches it for inactivity);
        // everything else has its answer soon
        if (copy.build().bodyPublisher().map(publisher -> publisher.contentLength() < BIG_BODY).orElse(true)) {
            copy.timeout(Transport.ANSWER_TIMEOUT);
        }
        authorization.ifPresent(value -> copy.setHeader("Authorization", value));
        return copy.build();
    }

    RuntimeException refused(String what, Scopes scopes, HttpResponse<String> response) {
        return refused(what, scopes, response.statusCode(), response.headers(), response.body());
    }

    private RuntimeException refused(String what, Scopes scopes, int status, HttpHeaders headers, String text) {
        String source = authentication.credential().map(RegistryCredential::source).orElse("no credential (none was found)");
        // one line of it: a proxy's HTML error page becomes its words
        String body = text == null ? "" : text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        String detail = body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        Optional<String> unanswerable = status == 401
                ? authentication.unanswerable(headers.allValues("WWW-Authenticate"), scopes) : Optional.empty();
        if (unanswerable.isPresent()) {
            return new UserFailure("The registry " + registry() + " answered HTTP 401 to " + what + ": it "
                    + unanswerable.get() + ".");
        }
        if (status == 401) {
            return new UserFailure("The registry " + registry() + " refused the credential from " + source + " (HTTP 401 to "
                    + what + "). Fix the user name or password there, or give another source: settings.xml <server>, "
                    + CredentialChain.USERNAME_VARIABLE + "/" + CredentialChain.PASSWORD_VARIABLE + ", ~/.docker/config.json.");
        }
        if (status == 403) {
            return new UserFailure("The registry " + registry() + " forbids " + what + " with the credential from " + source
                    + " (HTTP 403" + detail + ").");
        }
        if (status >= 500 || status == 429) {
            return new EnvironmentFailure("The registry " + registry() + " answered HTTP " + status + " to " + what + " after "
                    + transport.retry().attempts() + " attempts" + detail + ".");
        }
        return new UserFailure("The registry " + registry() + " answered HTTP " + status + " to " + what + detail + ".");
    }

    private static void close(InputStream stream) {
        try {
            stream.close();
        } catch (java.io.IOException e) {
            // nothing was to be read from it
        }
    }
}
