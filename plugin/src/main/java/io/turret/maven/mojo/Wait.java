package io.turret.maven.mojo;

/** A {@code <waitFor>}: one of {@code log}, {@code port}, {@code http} and {@code healthy}, and a timeout. */
public class Wait {
    /** A regular expression a log line must match. */
    String log;

    /** A port that must accept TCP connections; with {@code http}, the port asked. */
    Integer port;

    /** A path that must answer {@code status} to GET. */
    String http;

    /** The HTTP status {@code http} must answer; 200 by default. */
    Integer status;

    /** The image's health check must report healthy. */
    boolean healthy;

    /** Seconds to wait; 60 by default. */
    Integer timeout;
}
