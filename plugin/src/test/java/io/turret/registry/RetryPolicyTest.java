package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500));

    @Test
    void serverErrorsAndResetsAreTransientTlsAndClientErrorsAreNot() {
        assertTrue(policy.transientStatus(502));
        assertTrue(policy.transientStatus(503));
        assertFalse(policy.transientStatus(501));
        assertFalse(policy.transientStatus(404));
        assertFalse(policy.transientStatus(401));
        assertTrue(policy.transientFailure(new SocketException("Connection reset")));
        assertTrue(policy.transientFailure(new IOException("closed")));
        assertFalse(policy.transientFailure(new SSLHandshakeException("PKIX path building failed")));
    }

    @Test
    void backsOffDoubling() {
        assertEquals(Duration.ofMillis(500), policy.pauseAfter(1));
        assertEquals(Duration.ofMillis(1000), policy.pauseAfter(2));
        assertEquals(Duration.ofMillis(2000), policy.pauseAfter(3));
    }

    @Test
    void aTooManyRequestsWaitsAsItsRetryAfterSays() {
        assertTrue(policy.transientStatus(429));
        assertEquals(Duration.ofSeconds(3), policy.pauseAfter(1, Optional.of("3")));
        assertEquals(Duration.ofMillis(500), policy.pauseAfter(1, Optional.of("Wed, 21 Oct 2015 07:28:00 GMT")));
        assertEquals(Duration.ofMinutes(2), policy.pauseAfter(1, Optional.of("86400")));
        assertEquals(Duration.ofMillis(1000), policy.pauseAfter(2, Optional.empty()));
    }
}
