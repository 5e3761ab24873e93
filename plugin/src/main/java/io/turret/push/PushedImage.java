package io.turret.push;

import io.turret.oci.Digest;
import io.turret.oci.ImageRef;

/** A service's image as the registry has it after the push, as release.json records it. */
public record PushedImage(String service, ImageRef reference, Digest digest, Digest imageId, long size) {
}
