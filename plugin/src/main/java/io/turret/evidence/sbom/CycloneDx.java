package io.turret.evidence.sbom;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An image's SBOM in CycloneDX 1.6 JSON: the image as the BOM's subject (its manifest digest), then
 * every Debian package, Go module (with the Go version of each binary), Python distribution and
 * project file its layers hold. The same image gives the same bytes: no timestamp, the serial number
 * is derived from the digest, everything sorted.
 *
 * <p>Written with Jackson, not {@code org.cyclonedx:cyclonedx-core-java} (12.2.0 resolves): it would
 * put commons-io, -lang3, -collections4, -codec, packageurl-java, jackson-dataformat-xml and a JSON
 * schema validator on the plugin's class path for the few fields written here. The tests validate
 * the output with the CycloneDX schema and a validator that is not ours.
 */
public final class CycloneDx {
    public static final String SPEC_VERSION = "1.6";
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    public static final String PREDICATE_TYPE = "https://cyclonedx.org/bom";

    private CycloneDx() {
    }

    /**
     * @param image {@code HOST/REPOSITORY} of the image
     * @param digest the image's manifest digest
     * @param turretVersion the version of the plugin that wrote it
     */
    public static ObjectNode bom(ImageInventory inventory, String image, Digest digest, String turretVersion) {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", SPEC_VERSION);
        bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(digest.toString().getBytes(StandardCharsets.UTF_8)));
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("group", "io.turret");
        tool.put("name", "turret-maven-plugin");
        tool.put("version", turretVersion);
        ObjectNode subject = metadata.putObject("component");
        String name = image.substring(image.lastIndexOf('/') + 1);
        subject.put("type", "container");
        subject.put("bom-ref", image + "@" + digest);
        subject.put("name", image);
        subject.put("version", digest.toString());
        subject.put("purl", "pkg:oci/" + Purl.encode(name) + "@" + Purl.encode(digest.toString()) + "?repository_url="
                + Purl.encode(image));
        hash(subject, digest);

        Map<String, ObjectNode> components = new TreeMap<>();
        Map<String, TreeSet<String>> dependsOn = new TreeMap<>();
        for (DebianPackage deb : inventory.debianPackages()) {
            ObjectNode component = component(components, "library", deb.purl(), deb.name(), deb.version());
            property(component, "turret:debian:architecture", deb.architecture());
        }
        for (ImageInventory.GoBinary binary : inventory.goBinaries()) {
            GoBuildInfo info = binary.info();
            String ref = "go-binary:" + binary.location();
            ObjectNode application = component(components, "application", null, binary.location(), null);
            application.put("bom-ref", ref);
            hash(application, binary.sha256());
            property(application, "turret:go:version", info.goVersion());
            property(application, "turret:go:path", info.path());
            occurrence(application, binary.location());
            TreeSet<String> uses = dependsOn.computeIfAbsent(ref, r -> new TreeSet<>());
            String stdlib = "pkg:golang/stdlib@" + Purl.encode(info.goVersion());
            occurrence(component(components, "library", stdlib, "stdlib", info.goVersion()), binary.location());
            uses.add(stdlib);
            List<GoBuildInfo.GoModule> modules = new ArrayList<>(info.dependencies());
            info.main().ifPresent(main -> modules.add(0, main));
            for (GoBuildInfo.GoModule module : modules) {
                ObjectNode library = component(components, "library", module.purl(), module.path(),
                        module.version().isEmpty() ? null : module.version());
                occurrence(library, binary.location());
                uses.add(module.purl());
            }
        }
        for (PythonDistribution python : inventory.pythonDistributions()) {
            occurrence(component(components, "library", python.purl(), python.name(), python.version()), python.location());
        }
        for (ImageInventory.ProjectFile file : inventory.projectFiles()) {
            ObjectNode component = component(components, "file", null, file.path(), null);
            component.put("bom-ref", "file:" + file.path());
            hash(component, file.sha256());
            property(component, "turret:layer", file.layer().toString());
        }
        ArrayNode list = bom.putArray("components");
        components.values().forEach(list::add);
        // the image depends on everything found but the Go modules, which its Go binaries depend on
        ArrayNode dependencies = bom.putArray("dependencies");
        ObjectNode root = dependencies.addObject();
        root.put("ref", image + "@" + digest);
        ArrayNode top = root.putArray("dependsOn");
        components.values().stream().map(c -> c.path("bom-ref").asText())
                .filter(ref -> !ref.startsWith("pkg:golang/")).forEach(top::add);
        dependsOn.forEach((ref, uses) -> {
            ObjectNode node = dependencies.addObject();
            node.put("ref", ref);
            uses.forEach(node.putArray("dependsOn")::add);
        });
        return bom;
    }

    /** The component of {@code purl} (or, without one, of {@code name}), made once. */
    private static ObjectNode component(Map<String, ObjectNode> components, String type, String purl, String name, String version) {
        String key = type + " " + (purl != null ? purl : name);
        return components.computeIfAbsent(key, k -> {
            ObjectNode component = JSON.createObjectNode();
            component.put("type", type);
            if (purl != null) {
                component.put("bom-ref", purl);
            }
            component.put("name", name);
            if (version != null) {
                component.put("version", version);
            }
            if (purl != null) {
                component.put("purl", purl);
            }
            return component;
        });
    }

    private static void hash(ObjectNode component, Digest digest) {
        ObjectNode hash = component.putArray("hashes").addObject();
        hash.put("alg", "SHA-256");
        hash.put("content", digest.hex());
    }

    private static void property(ObjectNode component, String name, String value) {
        ObjectNode property = (component.has("properties") ? (ArrayNode) component.get("properties")
                : component.putArray("properties")).addObject();
        property.put("name", name);
        property.put("value", value);
    }

    /** Where in the image a component was found (CycloneDX 1.5's evidence occurrences). */
    private static void occurrence(ObjectNode component, String location) {
        ArrayNode occurrences = component.has("evidence") ? (ArrayNode) component.get("evidence").get("occurrences")
                : component.putObject("evidence").putArray("occurrences");
        for (var existing : occurrences) {
            if (existing.path("location").asText().equals(location)) {
                return;
            }
        }
        occurrences.addObject().put("location", location);
    }
}
