package io.turret.image;

import io.turret.failure.UserFailure;
import java.util.Arrays;

/** Where a base image that names an image reference comes from. */
public enum PullPolicy {
    /** The engine's copy when it has one, the registry's otherwise. */
    IF_NOT_PRESENT("ifNotPresent"),
    /** Always the registry's. */
    ALWAYS("always"),
    /** Only the engine's: a base the engine lacks is an error. */
    NEVER("never");

    private final String configured;

    PullPolicy(String configured) {
        this.configured = configured;
    }

    public static PullPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return IF_NOT_PRESENT;
        }
        return Arrays.stream(values()).filter(policy -> policy.configured.equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new UserFailure("<pull>" + value + "</pull> (turret.pull) is not a pull policy; use"
                        + " ifNotPresent (the default), always or never."));
    }

    @Override
    public String toString() {
        return configured;
    }
}
