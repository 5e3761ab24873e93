package io.turret.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn turret:build turret:assemble} on sample-project, twice, each time in a fresh copy at
 * another path with fresh jib caches and under another suffix: the images run, hold only what they
 * should, and are the same.
 */
@ExtendWith(RegistryStackExtension.class)
class SampleAssemblyIT {
    private static final String FIRST_SUFFIX = "assemble-it-a";
    private static final String SUFFIX = "assemble-it";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend");

    @TempDir
    static Path first;

    @TempDir
    static Path second;

    @BeforeAll
    static void assembleTwice() throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        for (Path project : List.of(first, second)) {
            SampleProject.copyTo(project.resolve("sample"));
            MavenRun.Result result = MavenRun.run(project.resolve("sample"), "turret:build", "turret:assemble",
                    "-Dsuffix=" + (project == first ? FIRST_SUFFIX : SUFFIX), "-Dturret.registry=127.0.0.1:5000",
                    "-Dturret.cache=" + project.resolve("jib-cache"));
            assertEquals(0, result.exitCode(), result.output());
        }
    }

    private static JsonNode images(Path project) throws Exception {
        return new ObjectMapper().readTree(project.resolve("sample/target/turret/images.json").toFile()).path("services");
    }

    @Test
    void anUnchangedServiceIsNotAssembledAgainAndAChangedOneIs() throws Exception {
        Path sample = second.resolve("sample");
        String[] args = {"turret:assemble", "-Dsuffix=" + SUFFIX, "-Dturret.registry=127.0.0.1:5000",
            "-Dturret.cache=" + second.resolve("jib-cache")};
        JsonNode before = images(second);
        FileTime written = Files.getLastModifiedTime(sample.resolve("target/turret/images/api.tar"));

        MavenRun.Result again = MavenRun.run(sample, args);

        assertEquals(0, again.exitCode(), again.output());
        for (String service : List.of("api", "worker", "frontend", "redis")) {
            assertTrue(again.output().contains("[" + service + "] reused target/turret/images/" + service + ".tar sha256:"),
                    service + " is reused:\n" + again.output());
        }
        assertEquals(before, images(second));
        assertEquals(written, Files.getLastModifiedTime(sample.resolve("target/turret/images/api.tar")), "not rewritten");

        Path script = sample.resolve("redis/start.sh");
        String original = Files.readString(script);
        try {
            Files.writeString(script, original + "\n# changed\n");
            MavenRun.Result changed = MavenRun.run(sample, args);

            assertEquals(0, changed.exitCode(), changed.output());
            assertTrue(changed.output().contains("[redis] assembled "), changed.output());
            assertTrue(changed.output().contains("[api] reused "), changed.output());
            assertNotEquals(before.path("redis").path("digest"), images(second).path("redis").path("digest"));
        } finally {
            Files.writeString(script, original);
        }
        MavenRun.Result back = MavenRun.run(sample, args);

        assertEquals(0, back.exitCode(), back.output());
        assertTrue(back.output().contains("[redis] assembled "), back.output());
        assertEquals(before, images(second));
    }

    @Test
    void aProjectFileRewrittenWithItsSizeAndModificationTimeKeptIsAssembledAgain() throws Exception {
        Path sample = second.resolve("sample");
        String[] args = {"turret:assemble", "-Dsuffix=" + SUFFIX, "-Dturret.registry=127.0.0.1:5000",
            "-Dturret.cache=" + second.resolve("jib-cache")};
        Path script = sample.resolve("redis/start.sh");
        Path hashes = sample.resolve("target/turret/content-hashes");
        JsonNode before = images(second);
        MavenRun.Result unchanged = MavenRun.run(sample, args);
        assertEquals(0, unchanged.exitCode(), unchanged.output());
        assertTrue(Files.readString(hashes, StandardCharsets.ISO_8859_1).contains(script.toString()),
                "the script's hash is kept with its stat");

        String original = Files.readString(script);
        FileTime modified = Files.getLastModifiedTime(script);
        try {
            // one byte changed in place, the time set back as touch -d would: only the change time tells
            Files.writeString(script, original.replaceFirst("#!", "#?"));
            Files.setLastModifiedTime(script, modified);
            MavenRun.Result changed = MavenRun.run(sample, args);

            assertEquals(0, changed.exitCode(), changed.output());
            assertTrue(changed.output().contains("[redis] assembled "), changed.output());
            assertTrue(changed.output().contains("[api] reused "), changed.output());
        } finally {
            Files.writeString(script, original);
            Files.setLastModifiedTime(script, modified);
        }
        MavenRun.Result back = MavenRun.run(sample, args);

        assertEquals(0, back.exitCode(), back.output());
        assertTrue(back.output().contains("[redis] assembled "), back.output());
        assertEquals(before, images(second));
    }

    @Test
    void twoCleanAssembliesUnderTwoSuffixesGiveTheSameImages() throws Exception {
        for (String service : SERVICES) {
            JsonNode a = images(first).path(service);
            JsonNode b = images(second).path(service);
            assertTrue(a.path("digest").asText().startsWith("sha256:"), service + ": " + a);
            assertEquals(a.path("digest"), b.path("digest"), service);
            assertEquals(a.path("imageId"), b.path("imageId"), service);
            assertEquals(a.path("layers"), b.path("layers"), service);
        }
    }

    @Test
    void everyImageIsInTheEngineUnderItsReferenceWithItsLabels(DockerClient docker) throws Exception {
        for (String service : SERVICES) {
            JsonNode image = images(second).path(service);
            assertEquals("127.0.0.1:5000/turret-sample/" + service + ":" + SUFFIX, image.path("reference").asText());
            var inspected = docker.inspectImageCmd(image.path("reference").asText()).exec();
            assertEquals(image.path("imageId").asText(), inspected.getId(), service);
            Map<String, String> labels = inspected.getConfig().getLabels();
            assertEquals(service, labels.get("org.opencontainers.image.title"));
            assertEquals("1.0.0-SNAPSHOT", labels.get("org.opencontainers.image.version"));
            assertFalse(labels.containsKey("io.turret.suffix"), "the suffix is a tag, never content");
            assertTrue(Files.isRegularFile(second.resolve("sample/target/turret/images/" + service + ".tar")));
        }
    }

    @Test
    void theGoImagesHoldTheirBinaryAndNothingElse() throws Exception {
        for (String service : List.of("api", "worker")) {
            JsonNode image = images(first).path(service);
            assertEquals(1, image.path("layers").size(), service + " has one layer");
            assertEquals(List.of(service), filesOfLayers(first.resolve("sample/target/turret/images/" + service + ".tar")));

            long binary = gzipSize(first.resolve("sample/target/turret/build/go/" + service));
            long size = image.path("compressedSize").asLong();
            assertTrue(Math.abs(size - binary) <= binary * 0.05,
                    service + ": image " + size + " bytes, compressed binary " + binary + " bytes");
        }
    }

    @Test
    void theFrontEndIsThePythonRuntimePlusOneLayerOfApplicationFiles(DockerClient docker) throws Exception {
        JsonNode image = images(first).path("frontend");
        int baseLayers = docker.inspectImageCmd(SampleBaseImages.PYTHON.reference()).exec().getRootFS().getLayers().size();
        assertEquals(baseLayers + 1, image.path("layers").size());
    }

    @Test
    void theAssembledApiImageRunsAndAnswers(DockerClient docker) throws Exception {
        String reference = images(first).path("api").path("reference").asText();
        int port = LoopbackPorts.free();
        ExposedPort http = ExposedPort.tcp(8080);
        Ports bindings = new Ports();
        bindings.bind(http, Ports.Binding.bindIpAndPort("127.0.0.1", port));
        String container = docker.createContainerCmd(reference)
                .withLabels(Map.of("io.turret.run", "assemble-it", "io.turret.project", "turret-it"))
                .withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings))
                .exec().getId();
        try {
            docker.startContainerCmd(container).exec();
            assertEquals(200, getStatus(URI.create("http://127.0.0.1:" + port + "/healthz")));
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
    }

    @Test
    void aMissingBuildOutputNamesTheServiceAndThePath(@TempDir Path project) throws Exception {
        SampleProject.copyTo(project);

        MavenRun.Result result = MavenRun.run(project, "turret:assemble", "-Dsuffix=" + SUFFIX,
                "-Dturret.registry=127.0.0.1:5000", "-Dturret.cache=" + project.resolve("jib-cache"));

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("<service> 'api': <layer> go:api: target/turret/build/go/api does not exist;"
                + " run turret:build first"), result.output());
        assertTrue(result.output().lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace");
        assertTrue(Files.notExists(project.resolve("target/turret/images")), "nothing assembled");
    }

    private static int getStatus(URI uri) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            try {
                return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The names of the files (not folders) in the image's layers, read from jib's tarball. */
    private static List<String> filesOfLayers(Path tarball) throws Exception {
        List<String> files = new ArrayList<>();
        try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            TarArchiveEntry entry;
            while ((entry = image.getNextEntry()) != null) {
                if (entry.getName().endsWith(".tar.gz")) {
                    TarArchiveInputStream layer = new TarArchiveInputStream(new GZIPInputStream(image));
                    TarArchiveEntry file;
                    while ((file = layer.getNextEntry()) != null) {
                        if (!file.isDirectory()) {
                            files.add(file.getName());
                        }
                    }
                }
            }
        }
        return files;
    }

    private static long gzipSize(Path file) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file); OutputStream gzip = new GZIPOutputStream(bytes)) {
            in.transferTo(gzip);
        }
        return bytes.size();
    }
}
