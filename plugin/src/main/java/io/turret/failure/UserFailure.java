package io.turret.failure;

/**
 * Something the user can fix: a configuration mistake, a failing compile or test, wrong
 * credentials. The message names the thing and the fix; the Maven layer turns it into a
 * MojoFailureException.
 */
public class UserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public UserFailure(String message) {
        this("", message, null);
    }

    public UserFailure(String message, Throwable cause) {
        this("", message, cause);
    }

    /**
     * @param where the configuration element the failure is about, as the message starts with it
     *     ({@code <service> 'api': }); empty when it is about none
     * @param message what is wrong and the fix, after {@code where}
     */
    public UserFailure(String where, String message, Throwable cause) {
        super(where + message, cause);
        this.where = where;
    }

    /** The configuration element the failure is about, as its message starts with it; empty when none. */
    public String where() {
        return where;
    }
}
