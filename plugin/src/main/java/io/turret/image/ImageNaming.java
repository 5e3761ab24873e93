package io.turret.image;

import io.turret.failure.UserFailure;
import io.turret.oci.ImageRef;

/** Where a service's image goes: {@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}. */
public record ImageNaming(String registry, String namespace, Suffix suffix) {
    public ImageNaming {
        if (registry == null || registry.isBlank()) {
            throw new UserFailure("No registry: set <registry>HOST:PORT</registry> in the plugin's configuration, or"
                    + " -Dturret.registry=HOST:PORT.");
        }
        registry = registry.strip();
        namespace = namespace == null ? "" : namespace.strip();
        if (!ImageRef.isRegistry(registry)) {
            throw new UserFailure("<registry>" + registry + "</registry> (turret.registry) is not a registry host; write it"
                    + " as HOST or HOST:PORT, without a scheme or path, e.g. registry.example.com:5000.");
        }
        if (!namespace.isEmpty() && !ImageRef.isRepository(namespace)) {
            throw new UserFailure("<namespace>" + namespace + "</namespace> (turret.namespace) is not a repository path;"
                    + " use lower-case letters, digits and '.', '_', '-', parts joined by '/', e.g. team/shop.");
        }
    }

    /** The repository of the service's image, without the registry: {@code NAMESPACE/SERVICE}. */
    public String repository(String service) {
        return namespace.isEmpty() ? service : namespace + "/" + service;
    }

    public ImageRef reference(String service) {
        String repository = repository(service);
        try {
            return ImageRef.of(registry, repository, suffix.value());
        } catch (IllegalArgumentException e) {
            throw new UserFailure(ServiceSpec.where(service) + registry + "/" + repository + ":" + suffix.value()
                    + " is not a valid image reference: " + e.getMessage());
        }
    }
}
