package io.turret.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where an image comes from, as the OCI labels every image carries say it. */
public record Provenance(String version, Optional<String> revision, Optional<String> source) {
    /**
     * The labels of the service's image: the OCI ones, then the user's own. Never the suffix: it
     * is a tag, so one image can be promoted from suffix to suffix unchanged.
     */
    public Map<String, String> labels(ServiceSpec service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", service.name());
        labels.put("org.opencontainers.image.version", version);
        revision.ifPresent(commit -> labels.put("org.opencontainers.image.revision", commit));
        source.ifPresent(url -> labels.put("org.opencontainers.image.source", url));
        labels.putAll(service.labels());
        return labels;
    }
}
