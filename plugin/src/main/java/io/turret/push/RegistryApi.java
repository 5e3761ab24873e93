package io.turret.push;

import io.turret.auth.RegistryCredential;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.registry.Authenticator;
import io.turret.registry.TlsFailure;
import io.turret.report.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The parts of the registry API (distribution v2) that a push needs, over HTTPS verified with
 * {@link RegistryTrust}, with basic authentication sent once the registry asks for it, transient
 * failures retried. No message it makes holds the password.
 */
public final class RegistryApi {
    public static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    /** Every manifest format a tag may point at: a registry answers 404 for a format the client does not accept. */
    static final String ACCEPT_MANIFESTS = String.join(", ", MANIFEST_V2, "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json");

    private final String registry;
    private final URI base;
    private final Optional<RegistryCredential> credential;
    private final Authenticator authenticator;
    private final RegistryTrust trust;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final AtomicInteger uploads = new AtomicInteger();

    /** A manifest as the registry holds it. */
    public record Manifest(byte[] bytes, String mediaType) {
    }

    /** @param log where the one warning goes when a credential is sent over plain HTTP */
    public RegistryApi(String registry, boolean plainHttp, RegistryTrust trust, Optional<RegistryCredential> credential,
            RetryPolicy retry, Log log) {
        this.registry = registry;
        this.base = URI.create((plainHttp ? "http://" : "https://") + registry);
        this.credential = credential;
        this.authenticator = new Authenticator(registry, plainHttp, credential, log);
        this.trust = trust;
        this.retry = retry;
        // never follow a redirect: a registry on S3 redirects blobs to presigned URLs, which must not
        // get our Authorization header (and a push never needs to follow one)
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String registry() {
        return registry;
    }

    /** How many blobs this client uploaded. */
    public int uploads() {
        return uploads.get();
    }

    /** Checks that the registry answers over verified TLS and accepts the credential. */
    public void ping() {
        HttpResponse<String> response = send("GET /v2/", HttpRequest.newBuilder(base.resolve("/v2/")).GET());
        if (response.statusCode() != 200) {
            throw refused("GET /v2/", response);
        }
    }

    /** Checks that {@code repository} may be pushed to: starts a blob upload and cancels it. */
    public void requirePushAccess(String repository) {
        HttpResponse<String> started = send("POST an upload to " + repository, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() != 202) {
            throw refused("POST /v2/" + repository + "/blobs/uploads/ (may this credential push there?)", started);
        }
        started.headers().firstValue("Location").ifPresent(location ->
                send("DELETE the test upload", HttpRequest.newBuilder(base.resolve(location)).DELETE()));
    }

    public boolean hasBlob(String repository, String digest) {
        HttpResponse<String> response = send("HEAD blob " + digest, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        // a registry on S3 answers for a blob it has with a redirect to the object
        if (response.statusCode() == 200 || response.statusCode() / 100 == 3) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw refused("HEAD /v2/" + repository + "/blobs/" + digest, response);
    }

    /** Uploads a blob in one request (a monolithic upload). */
    public void uploadBlob(String repository, String digest, Supplier<HttpRequest.BodyPublisher> content) {
        HttpResponse<String> started = send("POST an upload to " + repository, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()));
        String location = started.headers().firstValue("Location").orElse(null);
        if (started.statusCode() != 202 || location == null) {
            throw refused("POST /v2/" + repository + "/blobs/uploads/", started);
        }
        URI put = base.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> done = send("PUT blob " + digest, HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream").PUT(content.get()));
        if (done.statusCode() != 201) {
            throw refused("PUT blob " + digest + " to " + repository, done);
        }
        uploads.incrementAndGet();
    }

    /** Puts a manifest under a tag or its digest, and returns the digest the registry gives it. */
    public String putManifest(String repository, String reference, Manifest manifest) {
        HttpResponse<String> response = send("PUT manifest " + repository + ":" + reference, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/manifests/" + reference)).header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())));
        if (response.statusCode() != 201) {
            throw refused("PUT /v2/" + repository + "/manifests/" + reference, response);
        }
        return response.headers().firstValue("Docker-Content-Digest").orElse("");
    }

    /** The digest the tag points at now; empty when the tag (or the repository) does not exist. */
    public Optional<String> manifestDigest(String repository, String tag) {
        HttpResponse<String> response = send("HEAD manifest " + repository + ":" + tag, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/manifests/" + tag)).header("Accept", ACCEPT_MANIFESTS)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw refused("HEAD /v2/" + repository + "/manifests/" + tag, response);
        }
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /**
     * Deletes a tag, leaving its manifest; false when the registry does not allow it (many keep
     * deletion off, and a distribution registry before v3 deletes manifests only by digest).
     */
    public boolean deleteTag(String repository, String tag) {
        HttpResponse<String> response = send("DELETE tag " + repository + ":" + tag, HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/manifests/" + tag)).DELETE());
        int status = response.statusCode();
        if (status == 202 || status == 200) {
            return true;
        }
        if (status == 400 || status == 405 || status == 404 && response.body().contains("UNSUPPORTED")) {
            return false;
        }
        throw refused("DELETE /v2/" + repository + "/manifests/" + tag, response);
    }

    public Manifest getManifest(String repository, String reference) {
        HttpResponse<byte[]> response = sendBytes(HttpRequest.newBuilder(
                base.resolve("/v2/" + repository + "/manifests/" + reference)).header("Accept", ACCEPT_MANIFESTS).GET());
        if (response.statusCode() != 200) {
            throw new EnvironmentFailure("The registry " + registry + " answered " + response.statusCode() + " to GET manifest "
                    + repository + "@" + reference + ".");
        }
        return new Manifest(response.body(), response.headers().firstValue("Content-Type").orElse(MANIFEST_V2));
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder request) {
        return exchange(what, request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        return exchange("GET manifest", request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends the request, first without a credential; answers the registry's 401 challenge once, as it asks. */
    private <T> HttpResponse<T> exchange(String what, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        request.timeout(Duration.ofMinutes(10));
        Optional<String> authorization = authenticator.authorization();
        HttpResponse<T> response = retrying(what, authorized(request, authorization), body);
        if (response.statusCode() == 401
                && authenticator.answer(response.headers().allValues("WWW-Authenticate"), authorization.isPresent())) {
            response = retrying(what, authorized(request, authenticator.authorization()), body);
        }
        return response;
    }

    private static HttpRequest authorized(HttpRequest.Builder request, Optional<String> authorization) {
        HttpRequest.Builder copy = request.copy();
        authorization.ifPresent(value -> copy.setHeader("Authorization", value));
        return copy.build();
    }

    private <T> HttpResponse<T> retrying(String what, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> response = http.send(request, body);
                if (!retry.transientStatus(response.statusCode()) || attempt >= retry.attempts()) {
                    return response;
                }
            } catch (SSLException e) {
                throw TlsFailure.explain(registry, e, new TlsFailure.Context("<registry> (-Dturret.registry)", true,
                        trust.description(), "Put the CA that signed its certificate in /etc/docker/certs.d/" + registry
                                + "/ca.crt or name it with <registryCa>."));
            } catch (IOException e) {
                if (!retry.transientFailure(e) || attempt >= retry.attempts()) {
                    throw new EnvironmentFailure("The registry " + registry + " could not be reached for " + what + " after "
                            + attempt + " attempt(s): " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailure("interrupted while talking to the registry " + registry, e);
            }
            pause(retry.pauseAfter(attempt));
        }
    }

    private RuntimeException refused(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String source = credential.map(RegistryCredential::source).orElse("no credential (none was found)");
        // one line of it: a proxy's HTML error page becomes its words
        String body = response.body() == null ? "" : response.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        String detail = body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        Optional<String> unanswerable = status == 401
                ? authenticator.unanswerable(response.headers().allValues("WWW-Authenticate")) : Optional.empty();
        if (unanswerable.isPresent()) {
            return new UserFailure("The registry " + registry + " answered HTTP 401 to " + what + ": it " + unanswerable.get()
                    + ".");
        }
        if (status == 401) {
            return new UserFailure("The registry " + registry + " refused the credential from " + source + " (HTTP 401 to "
                    + what + "). Fix the user name or password there, or give another source: settings.xml <server>, "
                    + io.turret.auth.CredentialChain.USERNAME_VARIABLE + "/" + io.turret.auth.CredentialChain.PASSWORD_VARIABLE
                    + ", ~/.docker/config.json.");
        }
        if (status == 403) {
            return new UserFailure("The registry " + registry + " forbids " + what + " with the credential from " + source
                    + " (HTTP 403" + detail + ").");
        }
        if (status >= 500) {
            return new EnvironmentFailure("The registry " + registry + " answered HTTP " + status + " to " + what + " after "
                    + retry.attempts() + " attempts" + detail + ".");
        }
        return new UserFailure("The registry " + registry + " answered HTTP " + status + " to " + what + detail + ".");
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while waiting to retry", e);
        }
    }
}
