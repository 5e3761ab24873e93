package io.turret.failure;

/**
 * Something wrong around the build: the engine unreachable, I/O, a registry error. The Maven
 * layer turns it into a MojoExecutionException.
 */
public class EnvironmentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvironmentFailure(String message) {
        super(message);
    }

    public EnvironmentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
