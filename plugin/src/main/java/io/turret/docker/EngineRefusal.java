package io.turret.docker;

import io.turret.failure.UserFailure;

/**
 * A request to the Docker engine refused for something the user can fix: an image it does not
 * have, a registry that refused the credential of a pull, an image a registry does not have.
 */
public final class EngineRefusal extends UserFailure implements EngineSaid {
    private static final long serialVersionUID = 1L;

    private final String doing;
    private final String reason;

    EngineRefusal(String message, String doing, String reason) {
        super(message);
        this.doing = doing;
        this.reason = reason;
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
