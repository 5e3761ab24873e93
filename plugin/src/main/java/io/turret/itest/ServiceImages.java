package io.turret.itest;

import io.turret.oci.Digest;

/** The id of each service's image, which may still be being assembled when the environment starts. */
@FunctionalInterface
public interface ServiceImages {
    /** Waits for the service's image when it is not assembled yet; throws when it will not be. */
    Digest imageId(String service);
}
