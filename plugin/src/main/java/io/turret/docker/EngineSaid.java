package io.turret.docker;

/** A failure of a request to the Docker engine that carries the engine's own words. */
public interface EngineSaid {
    /** What Turret asked of the engine: {@code pulling IMAGE}. */
    String doing();

    /** What the engine (or the connection to it) said, without the client's wrapping. */
    String reason();

    /** What the engine said when {@code failure} is its answer; the failure's message otherwise. */
    static String words(RuntimeException failure) {
        return failure instanceof EngineSaid said ? said.reason() : failure.getMessage();
    }
}
