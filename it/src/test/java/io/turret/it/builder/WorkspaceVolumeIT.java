package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.turret.builder.BuildResult;
import io.turret.builder.BuilderSpec;
import io.turret.it.images.SampleBaseImages;
import io.turret.itest.RunnerSpec;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder's sources kept in a workspace volume between runs: each run's script sees exactly the
 * project's sources, whatever the last script did in its workspace, a sync cut short, or another run
 * holding the volume.
 */
@ExtendWith(RegistryStackExtension.class)
class WorkspaceVolumeIT {
    private static final String NOBODY_IMAGE = "turret-it/nobody:1";
    /** Above the size under which a tree is copied whole (32 MiB). */
    private static final int LARGE = 40 << 20;
    /** What the killed run's send gets on top of {@link #LARGE}, so that it takes long enough to be killed during it. */
    private static final int KILL_WINDOW = 160 << 20;
    /** Tells what the script sees, then changes its workspace as a careless script would. */
    private static final String SCRIPT = """
            cd src
            find . -mindepth 1 | sort > /out/paths
            find . -mindepth 1 -type f | sort | xargs sha256sum > /out/sums
            find . -mindepth 1 | sort | xargs stat -c '%u:%g %a %n' > /out/owners
            stat -c %z large.bin tool.sh > /out/changed
            echo changed >> a.txt
            rm sub/b.txt
            echo new > created.txt
            mkdir -p made/deeper && echo x > made/deeper/x
            chmod 700 sub
            ln -s /etc/passwd sub/escape
            """;

    @TempDir
    Path project;
    private final String projectName = "it-ws-" + UUID.randomUUID().toString().substring(0, 8);
    private final BuilderSpec builder = builder();

    /** The builder every case runs: the sources of {@code src/}, but its logs, and {@link #SCRIPT}. */
    static BuilderSpec builder() {
        return new BuilderSpec("src", SampleBaseImages.PYTHON.reference(), List.of("src"), null, "mkdir -p /out\n" + SCRIPT,
                Map.of(), List.of("/out"), List.of(), null, List.of("*.log"));
    }

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
    }

    @BeforeEach
    void sources() throws Exception {
        Files.createDirectories(project.resolve("src/sub/deep"));
        Path src = project.resolve("src");
        Files.write(src.resolve("large.bin"), new byte[LARGE]);
        Files.writeString(src.resolve("a.txt"), "a\n");
        Files.writeString(src.resolve("sub/b.txt"), "b\n");
        Files.writeString(src.resolve("sub/deep/c.txt"), "c\n");
        Files.writeString(src.resolve("left-out.log"), "excluded\n");
        Path tool = Files.writeString(src.resolve("tool.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
    }

    @AfterEach
    void nothingOfTheRunIsLeft(DockerClient docker) {
        EngineBuilds.assertNothingLeftAndRemoveVolumes(docker, projectName);
    }

    @Test
    void everyRunSeesExactlyTheSourcesWhateverTheLastScriptDidInItsWorkspace() throws Exception {
        List<String> first = runAndCheck();

        Files.writeString(project.resolve("src/a.txt"), "a, edited\n");
        Files.delete(project.resolve("src/sub/deep/c.txt"));
        Files.delete(project.resolve("src/sub/deep"));
        Files.writeString(project.resolve("src/new.txt"), "new\n");
        List<String> second = runAndCheck();
        List<String> third = runAndCheck();

        assertEquals(first, second, "the files the project and the script left alone were not sent again");
        assertEquals(first, third);
    }

    @Test
    void aSyncCutShortIsFollowedByAFullResend(DockerClient docker) throws Exception {
        List<String> first = runAndCheck();

        inVolumes(docker, "rm /s/manifest");
        List<String> afterMissing = runAndCheck();
        inVolumes(docker, "truncate -s 1000 /w/src/large.bin && head -c 300 /s/manifest > /s/cut && mv /s/cut /s/manifest");
        List<String> afterCut = runAndCheck();

        assertNotEquals(first.get(1), afterMissing.get(1), "no manifest: everything sent again");
        assertNotEquals(afterMissing.get(1), afterCut.get(1), "a manifest cut short: everything sent again");
    }

    /**
     * kill -9 of the run's JVM once the step container ended, while the sources go into the workspace: the manifest is
     * gone then, so the next run clears the workspace and sends it all; it also removes the step container, the lock
     * the killed run held, rather than copying its sources whole for ever.
     */
    @Test
    void aRunKilledWhileFillingTheWorkspaceIsFollowedByAFullResend(DockerClient docker) throws Exception {
        Files.write(project.resolve("src/more.bin"), new byte[KILL_WINDOW]); // a longer send: the kill falls inside it
        String lock = "turret-" + projectName + "-src-workspace-sync";
        Process killed = BuildInAnotherProcess.start(projectName, project, project.resolve("killed-run.log"));
        try {
            awaitExited(docker, lock, killed);
            killed.destroyForcibly(); // SIGKILL
            killed.waitFor(1, TimeUnit.MINUTES);
        } finally {
            killed.destroyForcibly();
        }
        assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(lock)).exec().size() == 1,
                "the killed run left its lock behind");
        inVolumes(docker, "test ! -e /s/manifest"); // killed before the manifest was written: what this case is about

        EngineBuilds builds = new EngineBuilds();
        List<BuildResult> results = builds.run(projectName, project, List.of(builder));

        assertTrue(results.get(0).passed(), results.get(0).log());
        assertSeesTheSources();
        assertTrue(builds.lines.stream().noneMatch(line -> line.contains("uses the workspace volume")), builds.lines.toString());
        inVolumes(docker, "test -s /s/manifest"); // the workspace was filled again, not passed over
    }

    /** Waits until the step container of the run in {@code process} has ended: its Java side is filling the workspace now. */
    private static void awaitExited(DockerClient docker, String container, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the run ended before its step container did");
            var found = docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(container)).exec();
            if (!found.isEmpty() && "exited".equals(found.get(0).getState())) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the step container " + container + " did not end within 2 minutes");
    }

    @Test
    void aRunThatCannotTakeTheWorkspaceCopiesTheWholeTree(DockerClient docker) throws Exception {
        runAndCheck();
        String other = docker.createContainerCmd(SampleBaseImages.PYTHON.reference()).withCmd("true")
                .withName("turret-" + projectName + "-src-workspace-sync").exec().getId();
        try {
            EngineBuilds builds = new EngineBuilds();
            List<BuildResult> results = builds.run(projectName, project, List.of(builder));

            assertTrue(results.get(0).passed(), results.get(0).log());
            assertSeesTheSources();
            assertTrue(builds.lines.stream().anyMatch(line -> line.contains("uses the workspace volume")), builds.lines.toString());
        } finally {
            docker.removeContainerCmd(other).withForce(true).exec();
        }
        runAndCheck();
    }

    @Test
    void aScriptOfAnotherUserReadsTheSourcesButCannotWriteThemAsWithACopy(@TempDir Path context, DockerClient docker)
            throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM %s
                RUN mkdir /out && chown nobody /out
                USER nobody
                """.formatted(SampleBaseImages.PYTHON.reference()));
        docker.buildImageCmd(context.toFile()).withTags(Set.of(NOBODY_IMAGE)).exec(new BuildImageResultCallback()).awaitImageId();
        BuilderSpec asNobody = new BuilderSpec("src", NOBODY_IMAGE, List.of("src"), null, """
                cd src
                id -un > /out/user
                cat a.txt > /out/a
                if echo x >> a.txt 2>/dev/null || touch made 2>/dev/null; then echo writable; else echo read-only; fi > /out/write
                """, Map.of(), List.of("/out"), List.of(), null, List.of("*.log"));

        for (int run = 0; run < 2; run++) {
            Files.writeString(project.resolve("src/a.txt"), "a " + run + "\n");
            List<BuildResult> results = new EngineBuilds().run(projectName, project, List.of(asNobody));

            assertTrue(results.get(0).passed(), results.get(0).log());
            assertEquals("nobody\n", Files.readString(outputs().resolve("user")));
            assertEquals("a " + run + "\n", Files.readString(outputs().resolve("a")));
            assertEquals("read-only\n", Files.readString(outputs().resolve("write")));
        }
        inVolumes(docker, "test -s /s/manifest"); // the workspace volume was filled, not passed over
    }

    @Test
    void aRunnerKeepsItsSourcesInAWorkspaceVolumeOfItsOwn(DockerClient docker) throws Exception {
        RunnerSpec runner = new RunnerSpec("src", Optional.empty(), SampleBaseImages.PYTHON.reference(), List.of("src"), null,
                "mkdir -p /out\n" + SCRIPT, Map.of(), List.of("*.log"), "/out", null);
        List<String> first = runTestsAndCheck(runner);

        Files.writeString(project.resolve("src/a.txt"), "a, edited\n");
        Files.delete(project.resolve("src/sub/deep/c.txt"));
        List<String> second = runTestsAndCheck(runner);

        assertEquals(first, second, "the files the project and the script left alone were not sent again");
        inVolumes(docker, "it-src", "test -s /s/manifest"); // its own volume, not the builder's
        inVolumes(docker, "src", "test ! -e /s/manifest");
    }

    private List<String> runTestsAndCheck(RunnerSpec runner) throws Exception {
        Path reports = project.resolve("target/turret/it-reports");
        BuildResult result = new EngineBuilds().runTests(projectName, project, runner, reports);
        assertTrue(result.passed(), result.log());
        assertSeesTheSources(reports);
        return Files.readAllLines(reports.resolve("changed"));
    }

    /**
     * Runs the builder, checks that it saw the sources, and returns the change times in its workspace of the
     * large file and of {@code tool.sh}, which no script touches: they change when the file is sent again.
     */
    private List<String> runAndCheck() throws Exception {
        List<BuildResult> results = new EngineBuilds().run(projectName, project, List.of(builder));
        assertTrue(results.get(0).passed(), results.get(0).log());
        assertSeesTheSources();
        return Files.readAllLines(outputs().resolve("changed"));
    }

    private Path outputs() {
        return project.resolve("target/turret/build/src");
    }

    private void assertSeesTheSources() throws Exception {
        assertSeesTheSources(outputs());
    }

    private void assertSeesTheSources(Path outputs) throws Exception {
        Path src = project.resolve("src");
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(src)) {
            entries = walk.filter(path -> !path.equals(src) && !path.toString().endsWith(".log"))
                    .sorted((a, b) -> name(src, a).compareTo(name(src, b))).toList();
        }
        List<String> paths = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (Path entry : entries) {
            String name = name(src, entry);
            paths.add(name);
            boolean link = Files.isSymbolicLink(entry);
            if (!link && Files.isRegularFile(entry)) {
                sums.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(entry))) + "  "
                        + name);
            }
            owners.add("0:0 " + (link ? "777" : mode(entry)) + " " + name);
        }
        assertEquals(lines(paths), Files.readString(outputs.resolve("paths")));
        assertEquals(lines(sums), Files.readString(outputs.resolve("sums")));
        assertEquals(lines(owners), Files.readString(outputs.resolve("owners")));
    }

    private static String name(Path src, Path entry) {
        return "./" + src.relativize(entry);
    }

    private static String mode(Path entry) throws Exception {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if (permissions.contains(permission)) {
                mode |= 0400 >> permission.ordinal();
            }
        }
        return Integer.toOctalString(mode);
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Runs {@code command} as root with the builder's workspace volume at /w and its state volume at /s. */
    private void inVolumes(DockerClient docker, String command) throws Exception {
        inVolumes(docker, "src", command);
    }

    /** Runs {@code command} as root with the workspace volume {@code workspace} at /w and its state volume at /s. */
    private void inVolumes(DockerClient docker, String workspace, String command) throws Exception {
        String volume = "turret-" + projectName + "-" + workspace + "-workspace";
        String id = docker.createContainerCmd(SampleBaseImages.PYTHON.reference()).withCmd("sh", "-ec", command)
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/w")),
                        new Bind(volume + "-state", new Volume("/s"))))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            assertEquals(0, docker.waitContainerCmd(id).start().awaitStatusCode(1, TimeUnit.MINUTES), command);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
