package io.turret.failure;

/**
 * Something wrong around the build: the engine unreachable, I/O, a registry error. The Maven
 * layer turns it into a MojoExecutionException.
 */
public class EnvironmentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public EnvironmentFailure(String message) {
        this("", message, null);
    }

    public EnvironmentFailure(String message, Throwable cause) {
        this("", message, cause);
    }

    /**
     * @param where the configuration element the failure is about, as the message starts with it
     *     ({@code <service> 'api': }); empty when it is about none
     * @param message what went wrong, after {@code where}
     */
    public EnvironmentFailure(String where, String message, Throwable cause) {
        super(where + message, cause);
        this.where = where;
    }

    /** The configuration element the failure is about, as its message starts with it; empty when none. */
    public String where() {
        return where;
    }
}
