package io.turret.itest;

import io.turret.failure.UserFailure;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a configured {@code <wait>}: exactly one of {@code <log>}, {@code <port>}, {@code <http>}, {@code <healthy>}. */
public final class Waits {
    private Waits() {
    }

    /**
     * @param defaultPort the container's first published port, for {@code <http>} without {@code <port>}
     */
    public static WaitStrategy parse(String log, Integer port, String http, Integer status, boolean healthy, Integer defaultPort,
            String where) {
        int given = (log == null || log.isBlank() ? 0 : 1) + (http == null || http.isBlank() ? 0 : 1) + (healthy ? 1 : 0)
                + (port != null && (http == null || http.isBlank()) ? 1 : 0);
        if (given == 0) {
            return WaitStrategy.running();
        }
        if (given > 1) {
            throw new UserFailure(where + "<wait> takes one of <log>, <port>, <http> (with an optional <port> and <status>)"
                    + " and <healthy>; it has several.");
        }
        if (log != null && !log.isBlank()) {
            try {
                return WaitStrategy.forLogMessage(Pattern.compile(log.strip()));
            } catch (PatternSyntaxException e) {
                throw new UserFailure(where + "<wait><log>" + log + "</log> is not a regular expression: " + e.getDescription(), e);
            }
        }
        if (healthy) {
            return WaitStrategy.forHealthcheck();
        }
        if (http != null && !http.isBlank()) {
            Integer httpPort = port != null ? port : defaultPort;
            if (httpPort == null) {
                throw new UserFailure(where + "<wait><http>" + http + "</http> needs a <port>, or a published <ports><port>.");
            }
            String path = http.strip().startsWith("/") ? http.strip() : "/" + http.strip();
            return WaitStrategy.forHttp(path, requirePort(httpPort, where), status == null ? 200 : status);
        }
        return WaitStrategy.forListeningPort(requirePort(port, where));
    }

    public static Duration timeout(Integer seconds, String where) {
        if (seconds == null) {
            return TestContainerSpec.DEFAULT_TIMEOUT;
        }
        if (seconds <= 0) {
            throw new UserFailure(where + "<wait><timeout>" + seconds + "</timeout> must be a positive number of seconds.");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Reads a container port: {@code 8080} or {@code 8080/tcp}. */
    public static int port(String port, String where) {
        String value = port == null ? "" : port.strip().replaceFirst("/tcp$", "");
        try {
            return requirePort(Integer.parseInt(value), where);
        } catch (NumberFormatException e) {
            throw new UserFailure(where + "<port>" + port + "</port> is not a TCP port number; write e.g. <port>8080</port>.", e);
        }
    }

    private static int requirePort(int port, String where) {
        if (port < 1 || port > 65535) {
            throw new UserFailure(where + "<port>" + port + "</port> is not a port number (1-65535).");
        }
        return port;
    }
}
