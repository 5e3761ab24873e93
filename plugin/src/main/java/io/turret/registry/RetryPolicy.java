package io.turret.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Which registry failures are transient (a connection reset, a 5xx, a 429) and how long to wait
 * before each retry: {@code firstPause}, doubling, for at most {@code attempts} tries in all; after
 * a 429, what its {@code Retry-After} says.
 */
public record RetryPolicy(int attempts, Duration firstPause) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500));
    /** The longest a {@code Retry-After} is waited for. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(2);

    public boolean transientStatus(int status) {
        return status == 429 || status >= 500 && status != 501 && status != 505;
    }

    /** TLS failures are never transient: the trust or the certificate is wrong. */
    public boolean transientFailure(IOException failure) {
        return !(failure instanceof SSLException);
    }

    /** The pause after the {@code attempt}-th try (1-based). */
    public Duration pauseAfter(int attempt) {
        return firstPause.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    /** The pause after the {@code attempt}-th try, as its answer's {@code Retry-After} (in seconds) asks when it does. */
    public Duration pauseAfter(int attempt, Optional<String> retryAfter) {
        try {
            return retryAfter.map(String::strip).map(Long::parseLong).map(Duration::ofSeconds)
                    .map(asked -> asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked)
                    .orElseGet(() -> pauseAfter(attempt));
        } catch (NumberFormatException e) {
            return pauseAfter(attempt); // an HTTP date: rare from registries; back off as usual
        }
    }
}
