package io.turret.docker;

import io.turret.failure.EnvironmentFailure;

/**
 * A request to the Docker engine that failed: the engine refused it, or could not be reached.
 *
 * @see EngineErrors
 */
public final class EngineFailure extends EnvironmentFailure implements EngineSaid {
    private static final long serialVersionUID = 1L;

    private final String engine;
    private final String doing;
    private final String reason;

    EngineFailure(String message, String engine, String doing, String reason) {
        super(message);
        this.engine = engine;
        this.doing = doing;
        this.reason = reason;
    }

    /** The engine as messages name it: {@code at tcp://HOST:PORT}, or the local socket. */
    public String engine() {
        return engine;
    }

    @Override
    public String doing() {
        return doing;
    }

    @Override
    public String reason() {
        return reason;
    }
}
