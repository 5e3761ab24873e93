package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildResult;
import io.turret.builder.BuilderSpec;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.platform.PlatformChoice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Builders of a two-platform project against the real engine: once per platform, cross-compiling with TARGETARCH. */
@ExtendWith(RegistryStackExtension.class)
class PlatformBuildIT {
    private static final int EM_X86_64 = 0x3E;
    private static final int EM_AARCH64 = 0xB7;
    private static final String CROSS = "cd go\nGOARCH=$TARGETARCH go build -trimpath -o /out/ ./cmd/api\n"
            + "echo \"$TARGETPLATFORM $TARGETOS $TARGETARCH [$TARGETVARIANT]\" > /out/target\n";

    @TempDir
    Path project;
    private final String projectName = "it-platforms-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.GO_BUILDER);
    }

    @AfterEach
    void nothingOfTheRunIsLeft(DockerClient docker) {
        EngineBuilds.assertNothingLeftAndRemoveVolumes(docker, projectName);
    }

    @Test
    void eachPlatformsBinaryIsCompiledForItAndAPlatformIndependentBuilderRunsOnce() throws Exception {
        SampleProject.copyTo(project);
        BuilderSpec sources = new BuilderSpec("sources", SampleBaseImages.GO_BUILDER.reference(), List.of("go"), null,
                "mkdir -p /out\ncp go/go.mod /out/\nenv | grep ^TARGET > /out/target || true\n", Map.of(), List.of("/out"),
                List.of(), null, List.of(), null, true);
        EngineBuilds builds = new EngineBuilds();

        List<BuildResult> results = builds.run(projectName, project, List.of(EngineBuilds.goBuilder(CROSS), sources),
                PlatformChoice.parse("linux/amd64,linux/arm64", null));

        assertEquals(List.of("go.linux-amd64", "go.linux-arm64", "sources"), results.stream().map(BuildResult::builder).sorted()
                .toList());
        Path build = project.resolve("target/turret/build");
        assertEquals(EM_X86_64, elfMachine(build.resolve("go.linux-amd64/api")));
        assertEquals(EM_AARCH64, elfMachine(build.resolve("go.linux-arm64/api")));
        assertEquals("linux/arm64 linux arm64 []\n", Files.readString(build.resolve("go.linux-arm64/target")));
        assertEquals("", Files.readString(build.resolve("sources/target")), "a platform-independent builder gets no TARGET*");
        assertTrue(Files.exists(build.resolve("sources/go.mod")));
        assertFalse(Files.exists(build.resolve("go")), "no platform-less folder for a builder of several platforms");
        assertTrue(Files.exists(project.resolve("target/turret/logs/build-go.linux-arm64.log")));
        assertTrue(Files.exists(project.resolve("target/turret/reports/TEST-build-go.linux-arm64.xml")));
    }

    @Test
    void oneNamedPlatformKeepsTodaysLayout() throws Exception {
        SampleProject.copyTo(project);

        new EngineBuilds().run(projectName, project, List.of(EngineBuilds.goBuilder(CROSS)), PlatformChoice.parse("linux/arm64",
                null));

        assertEquals(EM_AARCH64, elfMachine(project.resolve("target/turret/build/go/api")));
    }

    /** The ELF header's e_machine (little-endian, at offset 18). */
    private static int elfMachine(Path binary) throws IOException {
        try (InputStream in = Files.newInputStream(binary)) {
            byte[] header = in.readNBytes(20);
            assertEquals(0x7F, header[0]);
            assertEquals('E', header[1]);
            return (header[18] & 0xFF) | (header[19] & 0xFF) << 8;
        }
    }
}
