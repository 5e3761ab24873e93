package io.turret.tagging;

import java.util.Optional;

/**
 * What moving a release's tags asks of a registry. The journal lives in the registry itself, so
 * a later run on any machine finds a release that a crash cut short.
 */
public interface TagStore {
    /** The manifest digest the tag points at; empty when there is no such tag. */
    Optional<String> tagged(String repository, String tag);

    /** Whether the registry holds the manifest (pushed by digest before any tag moves). */
    boolean hasManifest(String repository, String digest);

    /** Points the tag at the manifest of that digest, which the registry holds. */
    void tag(String repository, String tag, String digest);

    /** Deletes the tag; false when the registry does not allow deleting tags. */
    boolean untag(String repository, String tag);

    /** The journal of the last release of this suffix; empty when none was ever written. */
    Optional<ReleaseJournal> journal(String suffix);

    void writeJournal(ReleaseJournal journal);
}
