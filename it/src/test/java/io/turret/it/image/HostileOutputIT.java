package io.turret.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.RegistryStackExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder's output is hostile: {@code mvn turret:build turret:assemble} with a script that leaves a
 * chain of links leading to a file of the build machine either fails naming the link or assembles
 * an image that holds no byte of that file.
 */
@ExtendWith(RegistryStackExtension.class)
class HostileOutputIT {
    private static final String IMAGE = "127.0.0.1:5000/hostile-output/victim:hostile";

    @TempDir
    Path temp;

    @Test
    void aChainOfLinksToAFileOfTheMachineBringsNoByteOfItIntoTheImage(DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        String secret = "turret-marker-" + UUID.randomUUID();
        Files.writeString(temp.resolve("marker"), secret);
        Path project = temp.resolve("project");
        Files.createDirectories(project.resolve("src"));
        // Back home, the output lands in project/target/turret/build/evil: d/up is that folder, and
        // app/x reads as d/up/d/up/d, inside, yet leads five folders up, to temp/marker.
        TurretPom.write(project, "hostile-output", """
                <builders>
                  <builder>
                    <name>evil</name>
                    <image>%s</image>
                    <sources><source>src</source></sources>
                    <script>
                      mkdir -p /out/app /out/d
                      echo hello > /out/app/index.html
                      ln -s .. /out/d/up
                      ln -s ../d/up/d/up/d/up/d/up/d/up/../../../../../marker /out/app/x
                    </script>
                    <outputs><output>/out</output></outputs>
                  </builder>
                </builders>
                <services>
                  <service>
                    <name>victim</name>
                    <base>scratch</base>
                    <layers>
                      <layer><builder>evil</builder><path>app</path><into>/app</into></layer>
                    </layers>
                  </service>
                </services>
                """.formatted(SampleBaseImages.PYTHON.reference()));
        try {
            MavenRun.Result result = MavenRun.run(project, "turret:build", "turret:assemble", "-Dsuffix=hostile",
                    "-Dturret.registry=127.0.0.1:5000", "-Dturret.cache=" + temp.resolve("jib-cache"));

            for (Path tarball : files(project.resolve("target/turret/images"))) {
                assertFalse(holds(tarball, secret), tarball + " holds the marker file's content");
            }
            if (result.exitCode() != 0) {
                assertTrue(result.output().contains("the entry 'out/app/x' is a link to ../d/up/d/up/d/up/d/up/d/up/../../../../../marker,"
                        + " which leads outside"), result.output());
                assertTrue(result.output().lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace");
                assertFalse(Files.exists(project.resolve("target/turret/build/evil"), LinkOption.NOFOLLOW_LINKS),
                        "a refused output is not left behind");
            }
            assertEquals(secret, Files.readString(temp.resolve("marker")));
        } finally {
            try {
                docker.removeImageCmd(IMAGE).withForce(true).exec();
            } catch (NotFoundException notAssembled) {
                // the build failed before assembling: nothing to remove
            }
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    /** Whether the image tarball holds the text, in a layer (gzip-compressed) or in any other entry. */
    private static boolean holds(Path tarball, String text) throws Exception {
        try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            while (image.getNextEntry() != null) {
                byte[] entry = image.readAllBytes();
                if (contains(entry, text)) {
                    return true;
                }
                if (entry.length > 2 && entry[0] == (byte) 0x1f && entry[1] == (byte) 0x8b) {
                    try (InputStream layer = new GZIPInputStream(new ByteArrayInputStream(entry))) {
                        if (contains(layer.readAllBytes(), text)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
