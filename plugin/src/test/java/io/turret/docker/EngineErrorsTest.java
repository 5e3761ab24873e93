package io.turret.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
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

    /** An exception as the engine client's transport throws it: its cause's class name as its message. */
    private static RuntimeException fromTransport(Throwable cause) {
        return new RuntimeException(cause);
    }

    @Test
    void aMissingImageNamesTheImageAndTheFixWithoutTheRawResponse() {
        RuntimeException failure = errors.translate("creating the container c", new NotFoundException(
                "{\"message\":\"No such image: redis:7\"}\n"));

        assertInstanceOf(UserFailure.class, failure);
        assertTrue(failure.getMessage().startsWith("The Docker engine has no image redis:7; build, load or pull it"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("Status 404"), failure.getMessage());
    }

    @Test
    void theClientsExceptionIsKeptForMavenEButNotAsTheCauseWhoseRawMessageMavenWouldPrint() {
        NotFoundException raw = new NotFoundException("{\"message\":\"No such image: redis:7\"}\n");

        RuntimeException failure = errors.translate("creating the container c", raw);

        assertNull(failure.getCause());
        assertSame(raw, failure.getSuppressed()[0]);
    }

    @Test
    void anyOtherRefusalSaysWhatTurretAskedAndWhatTheEngineSaid() {
        RuntimeException failure = errors.translate("creating the container x", new ConflictException(
                "{\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}\n"));

        EngineFailure refused = assertInstanceOf(EngineFailure.class, failure);
        assertEquals("While creating the container x, the Docker engine at tcp://127.0.0.1:2376 said: Conflict. The container"
                + " name \"/x\" is already in use. Check the engine (docker info), then run again.", failure.getMessage());
        assertEquals("creating the container x", refused.doing());
        assertEquals("Conflict. The container name \"/x\" is already in use", refused.reason());
        assertEquals("at tcp://127.0.0.1:2376", refused.engine());
    }

    @Test
    void aLostConnectionSaysSoInWords() {
        RuntimeException failure = errors.translate("listing containers", fromTransport(new ConnectException()));

        assertInstanceOf(EngineFailure.class, failure);
        assertEquals("While listing containers, the connection to the Docker engine at tcp://127.0.0.1:2376 was lost (the"
                + " connection was refused). Check that the engine still runs (docker info), then run again.",
                failure.getMessage());
    }

    @Test
    void aFailedTlsHandshakeSaysWhichSettingsToCheck() {
        RuntimeException failure = errors.translate("listing containers", fromTransport(new SSLHandshakeException(
                "PKIX path building failed")));

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

        assertEquals("Cannot reach the Docker engine at tcp://127.0.0.1:2376 (the connection was refused)."
                + " Start Docker, or set DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) to a running engine.",
                failure.getMessage());
    }

    @Test
    void aPullWithoutTheRegistrysCredentialIsTheUsersToFix() {
        RuntimeException failure = errors.pullFailed("127.0.0.1:5000/private/python:builder", new InternalServerErrorException(
                "{\"message\":\"Head https://127.0.0.1:5000/v2/private/python/manifests/builder: no basic auth"
                        + " credentials\"}"));

        EngineRefusal refused = assertInstanceOf(EngineRefusal.class, failure);
        assertEquals("pulling 127.0.0.1:5000/private/python:builder", refused.doing());
        assertTrue(failure.getMessage().startsWith("The Docker engine could not pull 127.0.0.1:5000/private/python:builder:"
                + " Head https://127.0.0.1:5000/v2/private/python/manifests/builder: no basic auth credentials."),
                failure.getMessage());
    }

    @Test
    void aPullARegistryAnsweredWithA4xxIsTheUsersToFix() {
        RuntimeException failure = errors.pullFailed("127.0.0.1:5000/private/python:builder", new InternalServerErrorException(
                "{\"message\":\"error parsing HTTP 400 response body: invalid character '<' looking for beginning of value:"
                        + " \\\"<html>The plain HTTP request was sent to HTTPS port</html>\\\"\"}"));

        EngineRefusal refused = assertInstanceOf(EngineRefusal.class, failure);
        assertEquals("error parsing HTTP 400 response body: invalid character '<' looking for beginning of value: \" The plain"
                + " HTTP request was sent to HTTPS port \"", refused.reason());
    }

    @Test
    void aPullFromARegistryTheEngineCannotReachIsTheEnvironments() {
        RuntimeException failure = errors.pullFailed("127.0.0.1:9/absent:none", new DockerClientException(
                "Could not pull image: Get \"https://127.0.0.1:9/v2/\": dial tcp 127.0.0.1:9: connect: connection refused"));

        EngineFailure failed = assertInstanceOf(EngineFailure.class, failure);
        assertEquals("pulling 127.0.0.1:9/absent:none", failed.doing());
    }

    @Test
    void turretsOwnFailuresAndOtherBugsPassUnchanged() {
        UserFailure own = new UserFailure("<builder> 'go': fix it");
        IllegalArgumentException bug = new IllegalArgumentException("bug");

        assertSame(own, errors.translate("building", own));
        assertSame(bug, errors.translate("building", bug));
    }
}
