package io.turret.tagging;

import io.turret.oci.Digest;
import java.util.Optional;

/**
 * What moving a release's tags asks of a registry. The journal lives in the registry itself, so
 * a later run on any machine finds a release that a crash cut short.
 */
public interface TagStore {
    /** The manifest digest the tag points at; empty when there is no such tag. */
    Optional<Digest> tagged(String repository, String tag);

    /** Whether the registry holds the manifest (pushed by digest before any tag moves). */
    boolean hasManifest(String repository, Digest digest);

    /** Points the tag at the manifest of that digest, which the registry holds. */
    void tag(String repository, String tag, Digest digest);

    /** Deletes the tag; false when the registry does not allow deleting tags. */
    boolean untag(String repository, String tag);

    /**
     * The journal stored under the tag {@code suffix}, as {@link ReleaseJournal#fromJson} reads it;
     * empty when none was ever written.
     *
     * @throws UntrustedJournal when what is stored there is not a journal Turret wrote
     */
    Optional<ReleaseJournal> journal(String suffix);

    void writeJournal(ReleaseJournal journal);

    /** Where the journal of {@code suffix} is kept, as a person names it: {@code HOST/NAMESPACE/turret-releases:SUFFIX}. */
    String journalReference(String suffix);
}
