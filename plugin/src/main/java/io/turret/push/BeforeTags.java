package io.turret.push;

import io.turret.oci.Digest;

/**
 * What a push writes for each image once its manifest is in the registry and before any tag of the
 * release moves (its signature, say): a release cut short before the tags has it, or moved no tag.
 */
@FunctionalInterface
public interface BeforeTags {
    BeforeTags NOTHING = (service, repository, digest) -> { };

    /** @param digest the manifest the service's suffix tag is about to point at */
    void attach(String service, String repository, Digest digest);
}
