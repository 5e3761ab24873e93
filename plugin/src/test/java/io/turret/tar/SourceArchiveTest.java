package io.turret.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArchiveTest {
    @TempDir
    Path project;

    @BeforeEach
    void aProject() throws Exception {
        Files.createDirectories(project.resolve("go/cmd/api"));
        Files.writeString(project.resolve("go/go.mod"), "module example.com/x\n");
        Files.writeString(project.resolve("go/cmd/api/main.go"), "package main\n");
        Path script = Files.writeString(project.resolve("go/build.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(project.resolve("go/link.go"), Path.of("cmd/api/main.go"));
        Files.createDirectories(project.resolve("go/empty"));
        Files.createDirectories(project.resolve("go/.git"));
        Files.writeString(project.resolve("go/.git/HEAD"), "ref\n");
        Files.createDirectories(project.resolve("go/target"));
        Files.writeString(project.resolve("go/target/old.bin"), "x");
        Files.writeString(project.resolve("go/debug.log"), "x");
        Files.createDirectories(project.resolve("target/turret"));
    }

    private Map<String, TarArchiveEntry> archive(List<String> sources, String directory, List<String> excludes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SourceArchive(project, project.resolve("target"), excludes).write(sources, directory, out);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    @Test
    void placesSourcesUnderTheWorkingDirectoryAtTheirProjectPaths() throws Exception {
        Map<String, TarArchiveEntry> entries = archive(List.of("go"), "/workspace", List.of());

        assertTrue(entries.containsKey("workspace/"));
        assertTrue(entries.containsKey("workspace/go/go.mod"));
        assertTrue(entries.containsKey("workspace/go/cmd/api/main.go"));
    }

    @Test
    void keepsModesSymlinksAndEmptyFolders() throws Exception {
        Map<String, TarArchiveEntry> entries = archive(List.of("go"), "/workspace", List.of());

        assertEquals(0750, entries.get("workspace/go/build.sh").getMode() & 0777);
        assertTrue(entries.get("workspace/go/link.go").isSymbolicLink());
        assertEquals("cmd/api/main.go", entries.get("workspace/go/link.go").getLinkName());
        assertTrue(entries.get("workspace/go/empty/").isDirectory());
    }

    @Test
    void leavesOutGitTargetAndExcludes() throws Exception {
        Map<String, TarArchiveEntry> entries = archive(List.of("go"), "/workspace", List.of("**.log", "*.log"));

        assertTrue(entries.keySet().stream().noneMatch(name -> name.contains(".git")), entries.keySet().toString());
        assertTrue(entries.keySet().stream().noneMatch(name -> name.contains("target")), entries.keySet().toString());
        assertTrue(entries.keySet().stream().noneMatch(name -> name.endsWith(".log")), entries.keySet().toString());
    }

    @Test
    void entriesAreSortedAndRootOwned() throws Exception {
        Map<String, TarArchiveEntry> entries = archive(List.of("go"), "/src", List.of());

        List<String> names = new ArrayList<>(entries.keySet());
        List<String> files = names.stream().filter(name -> name.startsWith("src/go/") && !name.endsWith("/")
                && name.chars().filter(c -> c == '/').count() == 2).toList();
        assertEquals(files.stream().sorted().toList(), files);
        assertTrue(entries.values().stream().allMatch(entry -> entry.getLongUserId() == 0 && entry.getLongGroupId() == 0));
    }

    @Test
    void nestedSourceFoldersBringTheirParents() throws Exception {
        Map<String, TarArchiveEntry> entries = archive(List.of("go/cmd"), "/", List.of());

        assertTrue(entries.containsKey("go/"));
        assertTrue(entries.containsKey("go/cmd/api/main.go"));
        assertTrue(entries.keySet().stream().noneMatch(name -> name.startsWith("go/go.mod")));
    }

    @Test
    void entriesAreWhatTheArchiveHoldsUnderTheWorkingDirectory() throws Exception {
        SourceArchive archive = new SourceArchive(project, project.resolve("target"), List.of("*.log"));
        List<SourceEntry> entries = archive.entries(List.of("go", "go/cmd"));

        List<String> archived = archive(List.of("go", "go/cmd"), "/", List.of("*.log")).keySet().stream()
                .map(name -> name.replaceAll("/$", "")).toList();
        assertEquals(archived, entries.stream().map(SourceEntry::path).distinct().toList());
        SourceEntry script = entries.stream().filter(entry -> entry.path().equals("go/build.sh")).findFirst().orElseThrow();
        assertEquals(0750, script.mode());
        assertEquals(10, script.size());
        assertEquals(project.resolve("go/build.sh"), script.file());
        SourceEntry link = entries.stream().filter(entry -> entry.path().equals("go/link.go")).findFirst().orElseThrow();
        assertEquals(SourceEntry.Type.LINK, link.type());
        assertEquals("cmd/api/main.go", link.linkTarget());
    }

    @Test
    void chosenEntriesAreWrittenUnderTheirFolderAsTheWholeArchiveWritesThem() throws Exception {
        List<SourceEntry> all = new SourceArchive(project, project.resolve("target"), List.of()).entries(List.of("go"));
        List<SourceEntry> chosen = all.stream().filter(entry -> entry.path().equals("go/build.sh")
                || entry.path().equals("go/link.go") || entry.path().equals("go/empty")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SourceArchive.writeEntries(chosen, "/.turret-workspace", out);

        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> whole = archive(List.of("go"), "/.turret-workspace", List.of());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                if (entry.getName().endsWith("build.sh")) {
                    assertEquals("#!/bin/sh\n", new String(tar.readAllBytes()));
                }
            }
        }
        assertEquals(List.of(".turret-workspace/", ".turret-workspace/go/build.sh", ".turret-workspace/go/empty/",
                ".turret-workspace/go/link.go"), List.copyOf(entries.keySet()));
        assertEquals(0755, entries.get(".turret-workspace/").getMode() & 07777);
        for (String name : entries.keySet()) {
            TarArchiveEntry written = entries.get(name);
            TarArchiveEntry inWhole = whole.get(name);
            assertEquals(inWhole.getMode(), written.getMode(), name);
            assertEquals(inWhole.getLinkName(), written.getLinkName(), name);
            assertEquals(0, written.getLongUserId(), name);
            assertEquals(0, written.getLongGroupId(), name);
        }
        assertEquals(whole.get(".turret-workspace/go/build.sh").getModTime(), entries.get(".turret-workspace/go/build.sh").getModTime());
    }
}
