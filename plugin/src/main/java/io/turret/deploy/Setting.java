package io.turret.deploy;

import java.util.Optional;

/**
 * One environment variable of a deployed service: a value copied from the test environment, or a
 * reference to a variable of the same name that the deployer gives (compose's {@code .env}, the
 * units' {@code EnvironmentFile=}).
 *
 * @param constant the value, when it may be copied; empty when the deployer gives it
 */
public record Setting(String name, Optional<String> constant) {
    public static Setting copied(String name, String value) {
        return new Setting(name, Optional.of(value));
    }

    public static Setting variable(String name) {
        return new Setting(name, Optional.empty());
    }

    public boolean isVariable() {
        return constant.isEmpty();
    }
}
