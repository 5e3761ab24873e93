package io.turret.failure;

/**
 * The run was stopped from outside (Ctrl-C, a SIGTERM of Maven, its thread interrupted) while it
 * waited: not a failure of what it was doing, and told as such.
 */
public class Interrupted extends EnvironmentFailure {
    private static final long serialVersionUID = 1L;

    private final String doing;

    /** @param doing what the run was doing: {@code running the runner 'go-integration'}, {@code pulling IMAGE} */
    public Interrupted(String doing, Throwable cause) {
        super("The run was interrupted (Ctrl-C, or Maven was stopped) while " + doing + ".", cause);
        this.doing = doing;
    }

    /** What the run was doing. */
    public String doing() {
        return doing;
    }
}
