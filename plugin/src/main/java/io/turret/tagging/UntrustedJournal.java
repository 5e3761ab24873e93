package io.turret.tagging;

import io.turret.failure.EnvironmentFailure;

/**
 * A release journal in the registry that Turret will not act on: it is not one Turret wrote for
 * this project (malformed, or naming another suffix, service or repository). No tag is moved on its
 * word; the fix is to delete it.
 */
public final class UntrustedJournal extends EnvironmentFailure {
    private static final long serialVersionUID = 1L;

    private final String reference;

    public UntrustedJournal(String reference, String what, Throwable cause) {
        super("The release journal " + reference + " is not one Turret wrote for this project: " + what + ". No tag was"
                + " moved on its word. Whoever can push to that repository can write it: check who did, then delete that"
                + " tag (e.g. skopeo delete docker://" + reference + ") and run turret:status to see where the tags point.",
                cause);
        this.reference = reference;
    }

    /** The journal's reference, {@code HOST/NAMESPACE/turret-releases:SUFFIX}. */
    public String reference() {
        return reference;
    }
}
