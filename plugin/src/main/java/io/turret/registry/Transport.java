package io.turret.registry;

import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * How requests reach one registry (and its token realm): HTTPS verified with {@link RegistryTrust},
 * through the proxy the {@link ProxySelector} picks, transient failures retried as
 * {@link RetryPolicy} says. Redirects are never followed here: a registry on S3 redirects blobs to
 * presigned URLs, which must not get our {@code Authorization} header.
 */
public final class Transport {
    /** How long a request without a body may wait for its answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final String registry;
    private final URI base;
    private final RegistryTrust trust;
    private final RetryPolicy retry;
    private final HttpClient http;

    /** An I/O failure (a reset, a lost answer) that retrying may cure. */
    public static final class Unreachable extends EnvironmentFailure {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @param proxy the proxy selector; empty for no proxy at all */
    public Transport(String registry, boolean plainHttp, RegistryTrust trust, RetryPolicy retry, Optional<ProxySelector> proxy) {
        this.registry = registry;
        this.base = URI.create((plainHttp ? "http://" : "https://") + registry);
        this.trust = trust;
        this.retry = retry;
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(10))
                .proxy(proxy.orElse(HttpClient.Builder.NO_PROXY)).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public String registry() {
        return registry;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** {@code path} ({@code /v2/...}) or a {@code Location} the registry gave, on the registry. */
    public URI resolve(String path) {
        return base.resolve(path);
    }

    /** Sends the request, again after a transient failure (a reset, a 5xx, a 429 after its Retry-After). */
    public <T> HttpResponse<T> send(String what, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        for (int attempt = 1; ; attempt++) {
            Duration pause = retry.pauseAfter(attempt);
            try {
                HttpResponse<T> response = sendOnce(what, request, body);
                if (!retry.transientStatus(response.statusCode()) || attempt >= retry.attempts()) {
                    return response;
                }
                pause = retry.pauseAfter(attempt, response.headers().firstValue("Retry-After"));
            } catch (Unreachable e) {
                if (attempt >= retry.attempts()) {
                    throw new Unreachable("The registry " + registry + " could not be reached for " + what + " after "
                            + attempt + " attempt(s): " + e.getCause(), e.getCause());
                }
            }
            pause(pause);
        }
    }

    /**
     * Sends the request once. A TLS failure becomes the message that names what is wrong; any other
     * I/O failure is {@link Unreachable}.
     */
    public <T> HttpResponse<T> sendOnce(String what, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (SSLException e) {
            throw TlsFailure.explain(request.uri().getAuthority(), e, new TlsFailure.Context("<registry> (-Dturret.registry)",
                    true, trust.description(), "Put the CA that signed its certificate in /etc/docker/certs.d/" + registry
                            + "/ca.crt or name it with <registryCa>."));
        } catch (IOException e) {
            throw new Unreachable("The registry " + registry + " could not be reached for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while talking to the registry " + registry, e);
        }
    }

    public static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while waiting to retry", e);
        }
    }
}
