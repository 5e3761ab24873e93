package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turret.docker.EngineImage;
import io.turret.docker.FakeDocker;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLoadTest {
    private static final String IMAGE = id("image");

    @TempDir
    Path folder;

    /** A made-up digest, named for what it stands for. */
    private static String id(String name) {
        return Digest.of(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The file of a layer whose content is "layer NAME", named by its digest as jib names it. */
    static String file(String name) {
        return Digest.of(("layer " + name).getBytes(StandardCharsets.UTF_8)).hex() + ".tar.gz";
    }

    /** A tarball as jib writes it: the config, layers a, b, c (bottom first), then manifest.json. */
    Path tarball() throws IOException {
        Path tarball = folder.resolve("api.tar");
        try (OutputStream out = Files.newOutputStream(tarball); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            entry(tar, "config.json", "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + id("a") + "\",\"" + id("b") + "\",\""
                    + id("c") + "\"]}}");
            for (String layer : List.of("a", "b", "c")) {
                entry(tar, file(layer), "layer " + layer);
            }
            entry(tar, "manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"r/api:x\"],"
                    + "\"Layers\":[\"" + file("a") + "\",\"" + file("b") + "\",\"" + file("c") + "\"]}]");
        }
        return tarball;
    }

    private static void entry(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static FakeDocker engineThatMakesTheImage() {
        FakeDocker docker = new FakeDocker();
        docker.onLoad = (entries, images) -> images.put(IMAGE, new EngineImage(IMAGE, 1, List.of()));
        return docker;
    }

    @Test
    void theLeadingLayersAnImageTheEngineHasStartsWithAreLeftOut() throws Exception {
        FakeDocker docker = engineThatMakesTheImage();

        new EngineLoad(docker, Log.silent()).load(ImageTarball.read(tarball()), Digest.parse(IMAGE), List.of(
                new EngineImage(id("base"), 1, List.of(id("a"))),
                new EngineImage(id("previous"), 1, List.of(id("a"), id("b"), id("other")))));

        assertEquals(List.of(List.of("config.json", file("c"), "manifest.json")), docker.loaded);
        assertEquals(List.of("api.tar"), Files.list(folder).map(path -> path.getFileName().toString()).toList(),
                "the thin tarball is gone");
    }

    @Test
    void layersAreSharedOnlyAsALeadingChain() throws Exception {
        FakeDocker docker = engineThatMakesTheImage();

        new EngineLoad(docker, Log.silent()).load(ImageTarball.read(tarball()), Digest.parse(IMAGE), List.of(
                new EngineImage(id("other"), 1, List.of(id("x"), id("b"), id("c")))));

        assertEquals(List.of(List.of("config.json", file("a"), file("b"), file("c"), "manifest.json")), docker.loaded);
    }

    @Test
    void anEngineThatRefusesTheThinTarballGetsTheWholeOne() throws Exception {
        FakeDocker docker = new FakeDocker();
        docker.onLoad = (entries, images) -> {
            if (!entries.contains(file("a"))) {
                throw new EnvironmentFailure("open a.tar.gz: no such file or directory");
            }
            images.put(IMAGE, new EngineImage(IMAGE, 1, List.of()));
        };

        new EngineLoad(docker, Log.silent()).load(ImageTarball.read(tarball()), Digest.parse(IMAGE), List.of(new EngineImage(id("base"), 1,
                List.of(id("a")))));

        assertEquals(2, docker.loaded.size());
        assertEquals(List.of("config.json", file("a"), file("b"), file("c"), "manifest.json"), docker.loaded.get(1));
    }
}
