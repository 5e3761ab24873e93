package io.turret.tagging;

import java.util.Objects;
import java.util.Optional;

/**
 * One service's tag in a release: the manifest it moves to, and the one it pointed at before
 * (empty when the tag is new).
 */
public record TagMove(String service, String repository, String digest, Optional<String> previous) {
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
}
