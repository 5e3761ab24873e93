package io.turret.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import io.turret.failure.Causes;
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
 * The one place where the engine client's exceptions become Turret's failures ({@link DockerJavaAccess}
 * sends every request through it): one sentence that says what Turret asked, what the engine said
 * and what to do, never its raw {@code Status 404: {"message":...}}.
 */
final class EngineErrors {
    private static final Pattern STATUS = Pattern.compile("(?s)Status (\\d+): (.*)");
    private static final Pattern NO_SUCH_IMAGE = Pattern.compile("No such image: (\\S+)");
    /**
     * What registries say, through the engine, when a pull lacks a credential or names nothing they
     * have; any 4xx answer of the registry is the request's fault (the engine's fallback to plain
     * HTTP for a loopback registry that refused it over TLS ends in nginx's 400).
     */
    private static final Pattern PULL_REFUSED = Pattern.compile("(?i).*(unauthori[sz]ed|authentication required"
            + "|no basic auth credentials|denied|manifest unknown|not found|does not exist|HTTP 4\\d\\d).*", Pattern.DOTALL);

    private final Map<String, String> environment;

    /** @param environment the process environment, for the engine settings messages name */
    EngineErrors(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * {@code failure}, which the engine client threw while Turret was {@code doing} something, as a
     * Turret failure; Turret's own failures, and what is neither the engine's answer nor the
     * connection's failure (a bug), as they are.
     *
     * @param doing what Turret asked of the engine, for messages: {@code creating the container NAME}
     */
    RuntimeException translate(String doing, RuntimeException failure) {
        if (failure instanceof UserFailure || failure instanceof EnvironmentFailure) {
            return failure;
        }
        Optional<SSLException> tls = find(failure, SSLException.class);
        if (tls.isPresent()) {
            return tlsFailed(tls.get());
        }
        String reason = reason(failure);
        if (failure instanceof NotFoundException) {
            Matcher image = NO_SUCH_IMAGE.matcher(reason);
            if (image.find()) {
                return kept(new EngineRefusal("The Docker engine has no image " + image.group(1) + "; build, load or pull"
                        + " it (docker image ls lists what the engine has), or fix the <image> that names it.", doing, reason),
                        failure);
            }
        }
        if (failure instanceof UnauthorizedException) {
            return kept(new EngineRefusal("A registry refused the credential Turret found for it while " + doing + " ("
                    + reason + "); fix the settings.xml <server>, ~/.docker/config.json entry or credential helper for"
                    + " that registry.", doing, reason), failure);
        }
        if (failure instanceof DockerException || failure instanceof DockerClientException) {
            return kept(new EngineFailure("While " + doing + ", the Docker engine " + engine() + " said: " + reason
                    + ". Check the engine (docker info), then run again.", engine(), doing, reason), failure);
        }
        if (find(failure, IOException.class).isPresent()) {
            return kept(new EngineFailure("While " + doing + ", the connection to the Docker engine " + engine() + " was lost ("
                    + reason + "). Check that the engine still runs (docker info), then run again.", engine(), doing, reason),
                    failure);
        }
        return failure; // not the engine's: a bug, told with its stack trace
    }

    /**
     * A failed pull of {@code image} by the engine: the user's to fix when the registry refused the
     * credential or has no such image, the environment's otherwise (a registry the engine cannot reach).
     */
    RuntimeException pullFailed(String image, RuntimeException failure) {
        String doing = "pulling " + image;
        if (failure instanceof UserFailure || failure instanceof EnvironmentFailure) {
            return failure;
        }
        String reason = reason(failure);
        if ((failure instanceof DockerException || failure instanceof DockerClientException)
                && PULL_REFUSED.matcher(reason).matches()) {
            return kept(new EngineRefusal("The Docker engine could not pull " + image + ": " + reason + ". Give the"
                    + " registry's credential (settings.xml <server>, ~/.docker/config.json), or fix the image's name.",
                    doing, reason), failure);
        }
        return translate(doing, failure);
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
        return kept(new EnvironmentFailure("The Docker engine " + engine() + " failed the TLS handshake (" + Causes.describe(tls)
                + "). Check that DOCKER_HOST names the engine's TLS port, that DOCKER_CERT_PATH (" + certPath() + ") holds"
                + " the ca.pem that signed the engine's certificate and a cert.pem and key.pem it accepts, and that"
                + " DOCKER_TLS_VERIFY is set only for an engine that speaks TLS."), tls);
    }

    /**
     * Keeps the client's exception for {@code mvn -e}, as suppressed rather than as the cause: Maven
     * appends every cause's message to the one it prints, and the client's is the raw response.
     */
    private static <T extends RuntimeException> T kept(T failure, Throwable raw) {
        failure.addSuppressed(raw);
        return failure;
    }

    /** What the engine said, without the client's wrapping: {@code No such image: redis:7}; the cause in words when it said nothing. */
    static String reason(Throwable failure) {
        String message = Causes.describe(failure);
        Matcher status = STATUS.matcher(message);
        String body = status.matches() ? status.group(2).strip() : message;
        try {
            JsonNode json = JsonFiles.JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return oneLine(json.get("message").asText());
            }
        } catch (IOException notJson) {
            // the engine's words are plain text
        }
        return oneLine(body);
    }

    /** One line of words: a proxy's or registry's HTML error page, which the engine quotes, becomes its text. */
    private static String oneLine(String text) {
        return text.replaceAll("</?[A-Za-z][^<>]*>", " ").replaceAll("\\s+", " ").strip();
    }

    /** {@code DOCKER_HOST}'s value, or the local socket. */
    private String engine() {
        String host = environment.get("DOCKER_HOST");
        return host == null || host.isBlank() ? "(the local socket, DOCKER_HOST unset)" : "at " + host;
    }

    private String certPath() {
        return environment.getOrDefault("DOCKER_CERT_PATH", "~/.docker");
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
