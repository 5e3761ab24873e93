package io.turret.docker;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine client's HTTP transport quiet: at debug level (mvn -X) it logs every request's
 * headers and bytes, and a pull's {@code X-Registry-Auth} header is the registry credential in
 * base64 JSON.
 */
final class EngineClientLogging {
    /** docker-java's zerodep transport: Apache HttpClient 5, shaded, with its logger names. */
    static final String TRANSPORT = "com.github.dockerjava.zerodep.shaded.org.apache.hc";
    /** The loggers that print request headers and bytes. */
    static final List<String> REQUEST_LOGGERS = List.of(TRANSPORT + ".client5.http.headers", TRANSPORT + ".client5.http.wire");

    private EngineClientLogging() {
    }

    /**
     * Sets the transport's loggers to info. Maven's slf4j simple logger reads a logger's level from
     * this property when the logger is made, which is when the transport's first connection loads
     * its classes: after this call.
     */
    static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.log." + TRANSPORT, "info");
    }

    /** Whether no request logger prints, whatever logging backend the JVM runs. */
    static boolean isQuiet() {
        return REQUEST_LOGGERS.stream().noneMatch(name -> LoggerFactory.getLogger(name).isDebugEnabled());
    }
}
