package io.turret.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.auth.CredentialLookup;
import io.turret.auth.RegistryCredential;
import io.turret.builder.BuildSettings;
import io.turret.docker.DockerJavaAccess;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.AssembledImage;
import io.turret.image.Assemblies;
import io.turret.image.BaseImage;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code <base>} on a registry with a private CA (known from {@code /etc/docker/certs.d/}) and a
 * credential, basic or bearer: turret:assemble pulls it with nothing in the JVM's trust store, and
 * the image is the very one the same base gives as a tarball.
 */
@ExtendWith({RegistryStackExtension.class, TokenRegistryStackExtension.class})
class RegistryBaseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void aBaseOnAPrivateRegistryGivesTheImageItsTarballGives(RegistryStack basic, TokenRegistryStack token,
            @TempDir Path cache) throws Exception {
        Path base = baseTarball("base");
        push(base, basic.address(), new RegistryCredential(basic.username(), basic.password(), "test"));
        push(base, token.address(), new RegistryCredential(token.pusher().name(), token.pusher().password(), "test"));
        Files.copy(base, project.resolve("base.tar"));
        Files.writeString(project.resolve("app.conf"), "app");
        TurretPom.write(project, "registry-base", """
                <registry>127.0.0.1:5999</registry>
                <services><service>
                  <name>app</name>
                  <base>${it.base}</base>
                  <layers><layer><path>app.conf</path><into>/etc/app.conf</into></layer></layers>
                </service></services>
                """);
        Path settings = settings(basic, token);

        String fromTarball = assembledDigest(settings, cache, "base.tar");
        String fromBasic = assembledDigest(settings, cache, basic.address() + "/pulls/base:1");
        String fromToken = assembledDigest(settings, cache, token.address() + "/pulls/base:1");

        assertEquals(fromTarball, fromBasic, "the base from the basic-auth registry is byte for byte the tarball's");
        assertEquals(fromTarball, fromToken, "the base from the token registry is byte for byte the tarball's");
        try (var pulled = Files.list(cache.resolve("pulled"))) {
            assertEquals(1, pulled.filter(file -> file.toString().endsWith(".tar")).count(),
                    "both registries' base is kept once, by its manifest digest");
        }
    }

    @Test
    void aBaseTheRegistryLacksOrRefusesIsNamedWithTheRegistryAndTheCredentialSource(RegistryStack basic) throws Exception {
        Files.writeString(project.resolve("x.conf"), "x");
        RegistryCredential wrong = new RegistryCredential(basic.username(), "not-" + basic.password(), "the test's wrong one");

        UserFailure absent = assertThrows(UserFailure.class, () -> assembleFrom(basic.address() + "/pulls/absent:1",
                registry -> Optional.of(new RegistryCredential(basic.username(), basic.password(), "test"))));
        UserFailure refused = assertThrows(UserFailure.class, () -> assembleFrom(basic.address() + "/pulls/base:1",
                registry -> Optional.of(wrong)));

        assertEquals("<service> 'x': the image " + basic.address() + "/pulls/absent:1 is not in the registry "
                + basic.address() + "; fix <base>, or push it there.", absent.getMessage());
        assertTrue(refused.getMessage().startsWith("<service> 'x': the base image " + basic.address() + "/pulls/base:1: The"
                + " registry " + basic.address() + " refused the credential from the test's wrong one (HTTP 401"),
                refused.getMessage());
    }

    @Test
    void aTagThatPointsToAnIndexGivesItsLinuxAmd64Image(RegistryStack basic) throws Exception {
        Files.writeString(project.resolve("x.conf"), "x");
        RegistryCredential credential = new RegistryCredential(basic.username(), basic.password(), "test");
        Manifest amd64 = push(baseTarball("amd64"), basic.address(), credential, "amd64");
        Manifest arm64 = push(baseTarball("arm64"), basic.address(), credential, "arm64");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", Manifest.OCI_INDEX);
        index.putArray("manifests").add(entry(arm64, "arm64")).add(entry(amd64, "amd64"));
        client(basic.address(), credential).putManifest("pulls/base", "multi", new Manifest(JSON.writeValueAsBytes(index),
                Manifest.OCI_INDEX));

        String fromIndex = assembleFrom(basic.address() + "/pulls/base:multi", registry -> Optional.of(credential));
        String fromAmd64 = assembleFrom(basic.address() + "/pulls/base:amd64", registry -> Optional.of(credential));
        String fromArm64 = assembleFrom(basic.address() + "/pulls/base:arm64", registry -> Optional.of(credential));

        assertEquals(fromAmd64, fromIndex);
        assertNotEquals(fromArm64, fromIndex);
    }

    private static ObjectNode entry(Manifest manifest, String architecture) {
        ObjectNode entry = JSON.createObjectNode().put("mediaType", manifest.mediaType()).put("digest", manifest.digest().toString())
                .put("size", manifest.bytes().length);
        entry.putObject("platform").put("architecture", architecture).put("os", "linux");
        return entry;
    }

    private String assembleFrom(String base, CredentialLookup credentials) {
        BuildSettings build = new BuildSettings("registry-base-it", project, project.resolve("target"),
                project.resolve("target/turret"), 1, List.of());
        ServiceSpec service = new ServiceSpec("x", BaseImage.parse(base, project, ""), List.of(new LayerSpec(null, "x.conf",
                "/etc/x.conf", null)), List.of(), List.of(), Map.of(), List.of(), null, null, Map.of());
        AssembleSettings settings = new AssembleSettings(build, new ImageNaming("127.0.0.1:5999", "pulls-it", new Suffix("x")),
                new Provenance("1", Optional.empty(), Optional.empty()), PullPolicy.ALWAYS, project.resolve("jib-cache"),
                List.of(service));
        return new Assemblies(DockerJavaAccess.connect(), Log.silent(), credentials).assembleAll(settings).get(0).digest().toString();
    }

    private String assembledDigest(Path settings, Path cache, String base) throws Exception {
        MavenRun.Result result = MavenRun.run(project, "-s", settings.toString(), "turret:assemble", "-Dit.base=" + base,
                "-Dturret.pull=always", "-Dturret.cache=" + cache, "-Dsuffix=pulls");
        assertEquals(0, result.exitCode(), result.output());
        String registry = base.substring(0, base.indexOf('/') + 1).replace("/", "");
        assertTrue(registry.isEmpty() || result.output().contains("Registry " + registry + ": credential from settings.xml"
                + " <server> '" + registry + "'"), result.output());
        JsonNode images = JSON.readTree(project.resolve("target/turret/images.json").toFile());
        return images.findValue("digest").asText();
    }

    /** A one-layer image made by jib: a tarball whose layers are compressed, as a registry holds them. */
    private Path baseTarball(String content) throws IOException {
        Path work = Files.createDirectories(project.resolve("base-" + content));
        Files.writeString(work.resolve("base.conf"), content);
        BuildSettings build = new BuildSettings("registry-base-it", work, work.resolve("target"), work.resolve("target/turret"),
                1, List.of());
        ServiceSpec service = new ServiceSpec("base", new BaseImage.Scratch(), List.of(new LayerSpec(null, "base.conf",
                "/etc/base.conf", null)), List.of(), List.of(), Map.of("BASE", "1"), List.of(), null, null, Map.of());
        AssembleSettings settings = new AssembleSettings(build, new ImageNaming("127.0.0.1:5999", "pulls-it", new Suffix("base")),
                new Provenance("1", Optional.empty(), Optional.empty()), PullPolicy.NEVER, work.resolve("jib-cache"),
                List.of(service));
        AssembledImage image = new Assemblies(DockerJavaAccess.connect(), Log.silent()).assembleAll(settings).get(0);
        return image.tarball();
    }

    /** Pushes a jib tarball's config and layers, and a Docker v2 manifest of them as pulls/base:TAG. */
    private static Manifest push(Path tarball, String registry, RegistryCredential credential) throws IOException {
        return push(tarball, registry, credential, "1");
    }

    private static Manifest push(Path tarball, String registry, RegistryCredential credential, String tag) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                files.put(entry.getName(), tar.readAllBytes());
            }
        }
        JsonNode saved = JSON.readTree(files.get("manifest.json")).get(0);
        RegistryClient client = client(registry, credential);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", Manifest.DOCKER_V2);
        manifest.set("config", blob(client, files.get(saved.path("Config").asText()),
                "application/vnd.docker.container.image.v1+json"));
        ArrayNode layers = manifest.putArray("layers");
        for (JsonNode layer : saved.path("Layers")) {
            layers.add(blob(client, files.get(layer.asText()), "application/vnd.docker.image.rootfs.diff.tar.gzip"));
        }
        Manifest pushed = new Manifest(JSON.writeValueAsBytes(manifest), Manifest.DOCKER_V2);
        client.putManifest("pulls/base", tag, pushed);
        return pushed;
    }

    private static RegistryClient client(String registry, RegistryCredential credential) {
        return RegistryClient.open(registry, false, RegistryTrust.forRegistry(registry, null, RegistryTrust.DOCKER_CERTS),
                Optional.of(credential), RetryPolicy.DEFAULT, Log.silent());
    }

    private static ObjectNode blob(RegistryClient client, byte[] content, String mediaType) {
        Digest digest = Digest.of(content);
        client.uploadBlob("pulls/base", digest, () -> HttpRequest.BodyPublishers.ofByteArray(content));
        return JSON.createObjectNode().put("mediaType", mediaType).put("size", content.length).put("digest", digest.toString());
    }

    private Path settings(RegistryStack basic, TokenRegistryStack token) throws IOException {
        Path settings = project.resolve("settings.xml");
        String server = "<server><id>%s</id><username>%s</username><password>%s</password></server>";
        Files.writeString(settings, "<settings><servers>"
                + server.formatted(basic.address(), basic.username(), basic.password())
                + server.formatted(token.address(), token.reader().name(), token.reader().password())
                + "</servers></settings>\n");
        return settings;
    }
}
