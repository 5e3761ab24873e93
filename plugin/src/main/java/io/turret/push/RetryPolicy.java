package io.turret.push;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Which registry failures are transient (a connection reset, a 5xx) and how long to wait before
 * each retry: {@code firstPause}, doubling, for at most {@code attempts} tries in all.
 */
public record RetryPolicy(int attempts, Duration firstPause) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500));

    public boolean transientStatus(int status) {
        return status >= 500 && status != 501 && status != 505;
    }

    /** TLS failures are never transient: the trust or the certificate is wrong. */
    public boolean transientFailure(IOException failure) {
        return !(failure instanceof SSLException);
    }

    /** The pause after the {@code attempt}-th try (1-based). */
    public Duration pauseAfter(int attempt) {
        return firstPause.multipliedBy(1L << Math.min(attempt - 1, 10));
    }
}
