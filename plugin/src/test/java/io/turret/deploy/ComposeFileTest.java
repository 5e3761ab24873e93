package io.turret.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeFileTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode read(Deployment deployment) throws Exception {
        return YAML.readTree(ComposeFile.render(deployment));
    }

    @Test
    void everyServiceRunsItsImageByDigestWiredAsTheTestsRanIt() throws Exception {
        JsonNode services = read(Samples.sample()).get("services");
        assertEquals(List.of("redis", "api", "worker", "frontend", "tools"), List.copyOf(iterable(services.fieldNames())));
        JsonNode api = services.get("api");
        assertEquals("registry.example:5000/shop/api@sha256:" + "b".repeat(64), api.get("image").asText());
        assertEquals("${REDIS_MASTER}", api.get("environment").get("REDIS_MASTER").asText());
        assertEquals("production", api.get("environment").get("DEPLOY_SUFFIX").asText());
        assertEquals("${PUBLISH_API_8080}:8080", api.get("ports").get(0).asText());
        assertEquals("redis", api.get("depends_on").get(0).asText());
        assertEquals("api", api.get("networks").get("default").get("aliases").get(0).asText());
        assertEquals("always", api.get("restart").asText());
    }

    @Test
    void theHeaderListsTheVariablesToGive() {
        assertTrue(ComposeFile.render(Samples.sample()).contains("API_URL, ENVIRONMENT, ETCD_ENDPOINTS, PUBLISH_API_8080,"
                + " PUBLISH_FRONTEND_8000, REDIS_MASTER."));
    }

    @Test
    void aCraftedValueStaysInItsScalarAndInterpolatesNothing() throws Exception {
        String crafted = "x\"\n    privileged: true\n  evil:\n    image: \\\"bad ${SECRET} '#\u0007\u2028";
        JsonNode api = read(Samples.crafted(crafted)).get("services").get("api");
        assertEquals(crafted.replace("$", "$$"), api.get("environment").get("MODE").asText(),
                "compose turns $$ back into $: the value arrives as the tests gave it");
        assertEquals(crafted.replace("$", "$$"), api.get("command").get(1).asText());
        assertEquals(List.of("environment", "image", "command", "networks", "ports", "restart").stream().sorted().toList(),
                iterable(api.fieldNames()).stream().sorted().toList());
        assertEquals(List.of("api"), iterable(read(Samples.crafted(crafted)).get("services").fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
