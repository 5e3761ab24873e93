package io.turret.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The one place where the engine client's exceptions become Turret's failures: one sentence that
 * says what the engine said and what to do, never its raw {@code Status 404: {"message":...}}.
 */
public final class EngineErrors {
    private static final Pattern STATUS = Pattern.compile("(?s)Status (\\d+): (.*)");
    private static final Pattern NO_SUCH_IMAGE = Pattern.compile("No such image: (\\S+)");

    private final Map<String, String> environment;

    /** @param environment the process environment, for the engine settings messages name */
    public EngineErrors(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * {@code failure} as a Turret failure when the engine client threw it; anything else (Turret's own
     * failures among them) as it is.
     */
    public RuntimeException translate(RuntimeException failure) {
        if (failure instanceof UserFailure || failure instanceof EnvironmentFailure || !fromEngineClient(failure)) {
            return failure;
        }
        Optional<SSLException> tls = find(failure, SSLException.class);
        if (tls.isPresent()) {
            return tlsFailed(tls.get());
        }
        if (failure instanceof NotFoundException) {
            Matcher image = NO_SUCH_IMAGE.matcher(reason(failure));
            if (image.find()) {
                return kept(new UserFailure("The Docker engine has no image " + image.group(1) + "; build, load or pull it"
                        + " (docker image ls lists what the engine has), or fix the <image> that names it."), failure);
            }
        }
        if (failure instanceof UnauthorizedException) {
            return kept(new UserFailure("A registry refused the credential Turret found for it (" + reason(failure) + "); fix the"
                    + " settings.xml <server>, ~/.docker/config.json entry or credential helper for that registry."), failure);
        }
        if (failure instanceof DockerException || failure instanceof DockerClientException) {
            return kept(new EnvironmentFailure("The Docker engine " + engine() + " refused a request: " + reason(failure)
                    + ". Check the engine (docker info), then run again."), failure);
        }
        return kept(new EnvironmentFailure("Lost the connection to the Docker engine " + engine() + " (" + reason(failure)
                + "). Check that the engine still runs (docker info), then run again."), failure);
    }

    /** Why {@link DockerJavaAccess#connect} could not talk to the engine, and what to do. */
    EnvironmentFailure unreachable(RuntimeException failure) {
        Optional<SSLException> tls = find(failure, SSLException.class);
        if (tls.isPresent()) {
            return tlsFailed(tls.get());
        }
        if (find(failure, GeneralSecurityException.class).isPresent() || String.valueOf(failure.getMessage()).contains("SSL")) {
            return kept(new EnvironmentFailure("Cannot read the TLS files for the Docker engine " + engine() + " ("
                    + reason(failure) + "). DOCKER_CERT_PATH (" + certPath() + ") must hold ca.pem, cert.pem and key.pem"
                    + " for that engine; fix the files, or unset DOCKER_TLS_VERIFY for an engine without TLS."), failure);
        }
        return kept(new EnvironmentFailure("Cannot reach the Docker engine " + engine() + " (" + reason(failure)
                + "). Start Docker, or set DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) to a running engine."), failure);
    }

    private EnvironmentFailure tlsFailed(SSLException tls) {
        return kept(new EnvironmentFailure("The Docker engine " + engine() + " failed the TLS handshake (" + tls.getMessage()
                + "). Check that DOCKER_HOST names the engine's TLS port, that DOCKER_CERT_PATH (" + certPath() + ") holds"
                + " the ca.pem that signed the engine's certificate and a cert.pem and key.pem it accepts, and that"
                + " DOCKER_TLS_VERIFY is set only for an engine that speaks TLS."), tls);
    }

    /** A failure that says what Turret was doing and what the engine said. */
    public static EnvironmentFailure failed(String doing, Throwable failure) {
        return kept(new EnvironmentFailure(doing + ": " + reason(failure)), failure);
    }

    /**
     * Keeps the client's exception for {@code mvn -e}, as suppressed rather than as the cause: Maven
     * appends every cause's message to the one it prints, and the client's is the raw response.
     */
    private static <T extends RuntimeException> T kept(T failure, Throwable raw) {
        failure.addSuppressed(raw);
        return failure;
    }

    /** What the engine said, without the client's wrapping: {@code No such image: redis:7}. */
    public static String reason(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = failure.getCause();
            return cause != null && cause != failure ? reason(cause) : failure.getClass().getSimpleName();
        }
        Matcher status = STATUS.matcher(message.strip());
        String body = status.matches() ? status.group(2).strip() : message.strip();
        try {
            JsonNode json = JsonFiles.JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText().strip();
            }
        } catch (IOException notJson) {
            // the engine's words are plain text
        }
        return body;
    }

    /** {@code DOCKER_HOST}'s value, or the local socket. */
    private String engine() {
        String host = environment.get("DOCKER_HOST");
        return host == null || host.isBlank() ? "(the local socket, DOCKER_HOST unset)" : "at " + host;
    }

    private String certPath() {
        return environment.getOrDefault("DOCKER_CERT_PATH", "~/.docker");
    }

    private static boolean fromEngineClient(RuntimeException failure) {
        if (failure instanceof DockerException || failure instanceof DockerClientException) {
            return true;
        }
        StackTraceElement[] stack = failure.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("com.github.dockerjava.");
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
