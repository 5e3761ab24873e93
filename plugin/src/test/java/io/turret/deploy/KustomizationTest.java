package io.turret.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class KustomizationTest {
    @Test
    void anImagesEntryPerServicePinsItsNameToTheDigest() throws Exception {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(Kustomization.render(Samples.sample()));
        assertEquals("Kustomization", kustomization.get("kind").asText());
        JsonNode images = kustomization.get("images");
        assertEquals(5, images.size());
        JsonNode frontend = images.get(3);
        assertEquals("registry.example:5000/shop/frontend", frontend.get("name").asText());
        assertEquals("registry.example:5000/shop/frontend", frontend.get("newName").asText());
        assertEquals("sha256:" + "d".repeat(64), frontend.get("digest").asText());
    }
}
