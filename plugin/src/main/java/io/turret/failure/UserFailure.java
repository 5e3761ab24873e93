package io.turret.failure;

/**
 * Something the user can fix: a configuration mistake, a failing compile or test, wrong
 * credentials. The message names the thing and the fix; the Maven layer turns it into a
 * MojoFailureException.
 */
public class UserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserFailure(String message) {
        super(message);
    }

    public UserFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
