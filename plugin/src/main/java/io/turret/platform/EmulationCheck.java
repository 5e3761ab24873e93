package io.turret.platform;

import java.util.Objects;

/**
 * What a probe found about running one platform's images under emulation on the Docker engine.
 *
 * @param status whether the engine runs them, cannot, or whether that cannot be seen from here
 * @param detail for {@code RUNS}: how (for the log); for {@code CANNOT}: what is missing and the fix;
 *     for {@code UNSEEN}: why it cannot be seen
 */
public record EmulationCheck(Status status, String detail) {
    public enum Status {
        /** The engine's kernel runs the platform's programs: qemu-user-static registered with binfmt_misc. */
        RUNS,
        /** It does not: a test container of the platform would fail with "exec format error". */
        CANNOT,
        /** The engine is not on this machine's kernel: the first test container of the platform tells. */
        UNSEEN
    }

    public EmulationCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static EmulationCheck runs(String how) {
        return new EmulationCheck(Status.RUNS, how);
    }

    public static EmulationCheck cannot(String whatAndFix) {
        return new EmulationCheck(Status.CANNOT, whatAndFix);
    }

    public static EmulationCheck unseen(String why) {
        return new EmulationCheck(Status.UNSEEN, why);
    }

    /** Whether the platform counts as testable: it runs, or only the tests themselves can tell. */
    public boolean testable() {
        return status != Status.CANNOT;
    }
}
