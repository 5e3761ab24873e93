package io.turret.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.reuse.ContentKeys;
import io.turret.tar.SourceArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceManifestTest {
    @TempDir
    Path project;

    private WorkspaceManifest manifest() throws Exception {
        Files.createDirectories(project.resolve("src/a\tb"));
        Files.writeString(project.resolve("src/a\tb/100%.txt"), "x\n");
        Files.writeString(project.resolve("src/main.go"), "package main\n");
        Files.createSymbolicLink(project.resolve("src/link"), Path.of("../outside"));
        SourceArchive archive = new SourceArchive(project, project.resolve("target"), List.of());
        return WorkspaceManifest.of(archive.entries(List.of("src")), new ContentKeys());
    }

    @Test
    void itsTextReadsBackAsTheSameManifest() throws Exception {
        WorkspaceManifest manifest = manifest();

        assertEquals(manifest, WorkspaceManifest.parse(manifest.text()).orElseThrow());
        assertEquals(List.of("src", "src/a\tb", "src/a\tb/100%.txt", "src/link", "src/main.go"),
                List.copyOf(manifest.entries().keySet()));
        assertEquals("../outside", manifest.entries().get("src/link").content());
        assertTrue(manifest.entries().get("src/main.go").content().startsWith("sha256:"));
    }

    @Test
    void aManifestCutShortOrOfAnotherFormatIsNone() throws Exception {
        String text = manifest().text();

        assertTrue(WorkspaceManifest.parse(text.substring(0, text.length() - 1)).isEmpty(), "no last newline");
        assertTrue(WorkspaceManifest.parse(text.substring(0, text.indexOf("end"))).isEmpty(), "no end");
        assertTrue(WorkspaceManifest.parse(text.replaceFirst("\n[^\n]*\n", "\n")).isEmpty(), "an entry missing");
        assertTrue(WorkspaceManifest.parse(text.replace("manifest 1", "manifest 2")).isEmpty(), "another format");
        assertTrue(WorkspaceManifest.parse("").isEmpty());
        assertTrue(WorkspaceManifest.parse(text.replace("\tsrc/main.go\n", "\tsrc/../../etc\n")).isEmpty(), "a path out");
        assertTrue(WorkspaceManifest.parse(text.replace("\tsrc/main.go\n", "\t/etc\n")).isEmpty(), "an absolute path");
    }

    @Test
    void anEmptyTreeHasAnEmptyManifest() {
        WorkspaceManifest empty = new WorkspaceManifest(Map.of());

        assertEquals(empty, WorkspaceManifest.parse(empty.text()).orElseThrow());
    }
}
