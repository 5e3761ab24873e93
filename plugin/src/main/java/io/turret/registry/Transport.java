package io.turret.registry;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * How requests reach one registry (and its token realm): HTTPS verified with {@link RegistryTrust},
 * through the configured proxy (with its login, when it wants one) unless it names the host as
 * direct, transient failures retried as {@link RetryPolicy} says. Redirects are never followed
 * here: a registry on S3 redirects blobs to presigned URLs, which must not get our
 * {@code Authorization} header.
 */
public final class Transport {
    /** How long a request without a body may wait for its answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    /** How many times the inactivity an answer may take once a body was all sent. */
    private static final int AFTER_BODY = 5;

    private final String registry;
    private final URI base;
    private final RegistryTrust trust;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final Duration inactivity;
    private final Optional<Proxies.Choice> proxy;

    /** An I/O failure (a reset, a lost answer) that retrying may cure. */
    public static final class Unreachable extends EnvironmentFailure {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @param proxy the proxy; empty for none at all */
    public Transport(String registry, boolean plainHttp, RegistryTrust trust, RetryPolicy retry, Optional<Proxies.Choice> proxy) {
        this(registry, plainHttp, trust, retry, proxy, ANSWER_TIMEOUT);
    }

    /** @param inactivity how long a body may go without a byte moving (or its answer without coming) */
    Transport(String registry, boolean plainHttp, RegistryTrust trust, RetryPolicy retry, Optional<Proxies.Choice> proxy,
            Duration inactivity) {
        this.inactivity = inactivity;
        this.proxy = proxy;
        if (proxy.flatMap(Proxies.Choice::login).isPresent()) {
            ProxyLogins.allowBasicForTunnels();
        }
        this.registry = registry;
        this.base = URI.create((plainHttp ? "http://" : "https://") + registry);
        this.trust = trust;
        this.retry = retry;
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(10))
                .proxy(proxy.map(Proxies::selector).orElse(HttpClient.Builder.NO_PROXY))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String registry() {
        return registry;
    }

    public RegistryTrust trust() {
        return trust;
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
                            + attempt + " attempt(s): " + Causes.describe(e.getCause()) + ".", e.getCause());
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
        return sendOnce(what, request, body, Progress.NONE);
    }

    /** As {@link #sendOnce(String, HttpRequest, HttpResponse.BodyHandler)}, telling {@code progress} how a long body goes. */
    public <T> HttpResponse<T> sendOnce(String what, HttpRequest original, HttpResponse.BodyHandler<T> body,
            Progress progress) {
        HttpRequest request = ProxyLogins.withLogin(original, proxy);
        try {
            if (request.timeout().isEmpty() && request.bodyPublisher().isPresent()) {
                return watched(what, request, body, progress);
            }
            return ProxyLogins.requireAccepted(http.send(request, body), proxy);
        } catch (SSLException e) {
            throw TlsFailure.explain(request.uri().getAuthority(), e, new TlsFailure.Context("<registry> (-Dturret.registry)",
                    true, trust.description(), "Put the CA that signed its certificate in /etc/docker/certs.d/" + registry
                            + "/ca.crt or name it with <registryCa>."));
        } catch (IOException e) {
            ProxyLogins.tunnelRefused(e, proxy).ifPresent(refused -> {
                throw refused;
            });
            throw new Unreachable("The registry " + registry + " could not be reached for " + what + ": " + Causes.describe(e) + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("interrupted while talking to the registry " + registry, e);
        }
    }

    /**
     * Sends a request whose body may take long (a blob), failing it only when nothing moved for
     * {@link #inactivity}: no byte of the body went, or, once all went, no answer came.
     */
    private <T> HttpResponse<T> watched(String what, HttpRequest request, HttpResponse.BodyHandler<T> body, Progress progress)
            throws IOException, InterruptedException {
        WatchedBody watched = new WatchedBody(request.bodyPublisher().orElseThrow());
        HttpRequest sent = HttpRequest.newBuilder(request, (name, value) -> true).method(request.method(), watched).build();
        CompletableFuture<HttpResponse<T>> answer = http.sendAsync(sent, body);
        long started = System.nanoTime();
        long told = started;
        try {
            while (true) {
                try {
                    return ProxyLogins.requireAccepted(answer.get(1, TimeUnit.SECONDS), proxy);
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    if (now - told >= Progress.EVERY.toNanos() && !watched.complete()) {
                        told = now;
                        progress.update(watched.sent(), watched.contentLength(), Duration.ofNanos(now - started));
                    }
                    // once the whole body is handed over, megabytes of it may still sit in socket buffers,
                    // and the registry then checks the digest and stores the blob: its answer gets longer
                    Duration allowed = watched.complete() ? inactivity.multipliedBy(AFTER_BODY) : inactivity;
                    if (System.nanoTime() - watched.lastMoved() > allowed.toNanos()) {
                        answer.cancel(true);
                        throw new HttpTimeoutException("nothing moved for " + allowed.toSeconds() + " s after "
                                + watched.sent() + " bytes");
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
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
