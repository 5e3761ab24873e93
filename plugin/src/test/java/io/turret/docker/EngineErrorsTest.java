package io.turret.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.net.ConnectException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {
    private final EngineErrors errors = new EngineErrors(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376",
            "DOCKER_CERT_PATH", "/certs"));

    /** An exception as the engine client's transport throws it: a RuntimeException raised in its own code. */
    private static RuntimeException fromTransport(Throwable cause) {
        RuntimeException failure = new RuntimeException(cause);
        failure.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.github.dockerjava.zerodep.ApacheDockerHttpClientImpl", "execute", null, 1)});
        return failure;
    }

    @Test
    void aMissingImageNamesTheImageAndTheFixWithoutTheRawResponse() {
        RuntimeException failure = errors.translate(new NotFoundException("{\"message\":\"No such image: redis:7\"}\n"));

        assertInstanceOf(UserFailure.class, failure);
        assertTrue(failure.getMessage().startsWith("The Docker engine has no image redis:7; build, load or pull it"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("Status 404"), failure.getMessage());
    }

    @Test
    void theClientsExceptionIsKeptForMavenEButNotAsTheCauseWhoseRawMessageMavenWouldPrint() {
        NotFoundException raw = new NotFoundException("{\"message\":\"No such image: redis:7\"}\n");

        RuntimeException failure = errors.translate(raw);

        assertNull(failure.getCause());
        assertSame(raw, failure.getSuppressed()[0]);
    }

    @Test
    void anyOtherRefusalIsTheEnginesWordsAndTheEnvironments() {
        RuntimeException failure = errors.translate(new ConflictException(
                "{\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}\n"));

        assertInstanceOf(EnvironmentFailure.class, failure);
        assertEquals("The Docker engine at tcp://127.0.0.1:2376 refused a request: Conflict. The container name \"/x\" is"
                + " already in use. Check the engine (docker info), then run again.", failure.getMessage());
    }

    @Test
    void aFailedTlsHandshakeSaysWhichSettingsToCheck() {
        RuntimeException failure = errors.translate(fromTransport(new SSLHandshakeException("PKIX path building failed")));

        assertInstanceOf(EnvironmentFailure.class, failure);
        assertTrue(failure.getMessage().startsWith("The Docker engine at tcp://127.0.0.1:2376 failed the TLS handshake"
                + " (PKIX path building failed)."), failure.getMessage());
        assertTrue(failure.getMessage().contains("DOCKER_CERT_PATH (/certs)"), failure.getMessage());
    }

    @Test
    void aTlsFailureAtConnectIsNamedAsSuch() {
        EnvironmentFailure failure = errors.unreachable(fromTransport(new SSLHandshakeException("Remote host terminated the handshake")));

        assertTrue(failure.getMessage().contains("failed the TLS handshake (Remote host terminated the handshake)"),
                failure.getMessage());
    }

    @Test
    void anEngineThatDoesNotAnswerSaysToStartIt() {
        EnvironmentFailure failure = errors.unreachable(fromTransport(new ConnectException("Connection refused")));

        assertEquals("Cannot reach the Docker engine at tcp://127.0.0.1:2376 (java.net.ConnectException: Connection refused)."
                + " Start Docker, or set DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) to a running engine.",
                failure.getMessage());
    }

    @Test
    void turretsOwnFailuresAndOtherBugsPassUnchanged() {
        UserFailure own = new UserFailure("<builder> 'go': fix it");
        IllegalArgumentException bug = new IllegalArgumentException("bug");

        assertSame(own, errors.translate(own));
        assertSame(bug, errors.translate(bug));
    }
}
