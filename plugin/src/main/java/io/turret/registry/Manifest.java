package io.turret.registry;

import io.turret.oci.Digest;
import java.util.List;

/** A manifest (or index) as the registry holds it: its exact bytes and media type. */
public record Manifest(byte[] bytes, String mediaType) {
    public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Every format a tag may point to: an {@code Accept} listing them keeps the registry from converting. */
    public static final List<String> ACCEPTED = List.of(DOCKER_V2, OCI_MANIFEST, OCI_INDEX, DOCKER_LIST);

    /** The SHA-256 of the bytes: the manifest's digest. */
    public Digest digest() {
        return Digest.of(bytes);
    }

    /** Whether it is an index (a list of manifests per platform), not an image's manifest. */
    public boolean isIndex() {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }
}
