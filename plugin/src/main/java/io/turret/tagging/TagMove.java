package io.turret.tagging;

import io.turret.oci.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's tag in a release: the manifest it moves to, and the one it pointed at before
 * (empty when the tag is new).
 */
public record TagMove(String service, String repository, Digest digest, Optional<Digest> previous) {
    public TagMove {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(previous, "previous");
    }

    /** True when the tag already points where the release wants it: nothing to move. */
    public boolean inPlace() {
        return previous.filter(digest::equals).isPresent();
    }

    /** What the tag pointed at before the release, as a tag's state: a manifest, or no tag at all. */
    boolean wasBefore(Optional<Digest> now) {
        return now.equals(previous);
    }

    /** Whether the tag points at this release's manifest. */
    boolean isReleased(Optional<Digest> now) {
        return now.filter(digest::equals).isPresent();
    }
}
