package io.turret.deploy;

/**
 * A container port the test environment published, published again where the deployer says:
 * {@code variable} holds {@code [HOST:]PORT}, e.g. {@code 127.0.0.1:8000} or {@code 80}.
 */
public record Published(int containerPort, String variable) {
}
