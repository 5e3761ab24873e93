package io.turret.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.tar.SourceEntry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkspaceDiffTest {
    private static SourceEntry folder(String path) {
        return new SourceEntry(path, SourceEntry.Type.DIRECTORY, 0755, 0, "", null);
    }

    private static SourceEntry file(String path, long size) {
        return new SourceEntry(path, SourceEntry.Type.FILE, 0644, size, "", Path.of("/project").resolve(path));
    }

    private static SourceEntry link(String path, String target) {
        return new SourceEntry(path, SourceEntry.Type.LINK, 0777, 0, target, null);
    }

    /** The manifest of {@code sources}, each file's content key made from {@code keys} (path → key). */
    private static WorkspaceManifest manifest(List<SourceEntry> sources, Map<String, String> keys) {
        Map<String, WorkspaceManifest.Entry> entries = new LinkedHashMap<>();
        for (SourceEntry source : sources) {
            String content = switch (source.type()) {
                case FILE -> keys.getOrDefault(source.path(), "sha256:same");
                case LINK -> source.linkTarget();
                case DIRECTORY -> "";
            };
            entries.put(source.path(), new WorkspaceManifest.Entry(source.type(), source.mode(), source.size(), content));
        }
        return new WorkspaceManifest(entries);
    }

    private static final List<SourceEntry> TREE = List.of(folder("go"), file("go/go.mod", 10), folder("go/cmd"),
            file("go/cmd/main.go", 20), folder("go/vendor"), file("go/vendor/lib.go", 30), link("go/link", "cmd/main.go"));
    private static final Set<String> ALL = Set.of("go", "go/go.mod", "go/cmd", "go/cmd/main.go", "go/vendor", "go/vendor/lib.go",
            "go/link");

    private static List<String> paths(List<SourceEntry> entries) {
        return entries.stream().map(SourceEntry::path).toList();
    }

    @Test
    void nothingChangedSendsNothingAndDeletesNothing() {
        WorkspaceManifest before = manifest(TREE, Map.of());
        WorkspaceManifest now = manifest(TREE, Map.of());

        assertEquals(List.of(), WorkspaceDiff.deletions(before, now));
        assertEquals(List.of(), WorkspaceDiff.sends(Optional.of(before), now, TREE, ALL, Set.of()).orElseThrow());
    }

    @Test
    void aFileWhoseContentChangedIsSentAlone() {
        WorkspaceManifest before = manifest(TREE, Map.of());
        WorkspaceManifest now = manifest(TREE, Map.of("go/cmd/main.go", "sha256:new"));

        assertEquals(List.of("go/cmd/main.go"), paths(WorkspaceDiff.sends(Optional.of(before), now, TREE, ALL, Set.of()).orElseThrow()));
    }

    @Test
    void aModeOrALinkTargetThatChangedIsSent() {
        List<SourceEntry> changed = List.of(folder("go"), new SourceEntry("go/go.mod", SourceEntry.Type.FILE, 0755, 10, "",
                Path.of("/project/go/go.mod")), folder("go/cmd"), file("go/cmd/main.go", 20), folder("go/vendor"),
                file("go/vendor/lib.go", 30), link("go/link", "go.mod"));

        List<SourceEntry> sends = WorkspaceDiff.sends(Optional.of(manifest(TREE, Map.of())), manifest(changed, Map.of()), changed,
                ALL, Set.of()).orElseThrow();

        assertEquals(List.of("go/go.mod", "go/link"), paths(sends));
    }

    @Test
    void aRemovedFolderIsDeletedOnceWithItsContent() {
        List<SourceEntry> now = List.of(folder("go"), file("go/go.mod", 10), folder("go/cmd"), file("go/cmd/main.go", 20),
                link("go/link", "cmd/main.go"));

        assertEquals(List.of("go/vendor"), WorkspaceDiff.deletions(manifest(TREE, Map.of()), manifest(now, Map.of())));
    }

    @Test
    void anEntryThatChangedTypeIsDeletedThenSent() {
        List<SourceEntry> now = List.of(folder("go"), file("go/go.mod", 10), file("go/cmd", 5), folder("go/vendor"),
                file("go/vendor/lib.go", 30), link("go/link", "cmd/main.go"));
        WorkspaceManifest before = manifest(TREE, Map.of());
        WorkspaceManifest after = manifest(now, Map.of());

        assertEquals(List.of("go/cmd"), WorkspaceDiff.deletions(before, after));
        Set<String> present = Set.of("go", "go/go.mod", "go/vendor", "go/vendor/lib.go", "go/link");
        assertEquals(List.of("go/cmd"), paths(WorkspaceDiff.sends(Optional.of(before), after, now, present, Set.of()).orElseThrow()));
    }

    @Test
    void whatTheScriptDeletedOrTheStepRemovedIsSentAgain() {
        Set<String> present = Set.of("go", "go/go.mod", "go/cmd", "go/vendor", "go/link");

        List<SourceEntry> sends = WorkspaceDiff.sends(Optional.of(manifest(TREE, Map.of())), manifest(TREE, Map.of()), TREE, present,
                Set.of()).orElseThrow();

        assertEquals(List.of("go/cmd/main.go", "go/vendor/lib.go"), paths(sends));
    }

    @Test
    void aFolderTheScriptChangedIsSentAgainForItsModeButNotItsContent() {
        List<SourceEntry> sends = WorkspaceDiff.sends(Optional.of(manifest(TREE, Map.of())), manifest(TREE, Map.of()), TREE, ALL,
                Set.of("go/cmd")).orElseThrow();

        assertEquals(List.of("go/cmd"), paths(sends));
    }

    @Test
    void aClearedWorkspaceGetsEverything() {
        List<SourceEntry> sends = WorkspaceDiff.sends(Optional.empty(), manifest(TREE, Map.of()), TREE, Set.of(), Set.of())
                .orElseThrow();

        assertEquals(paths(TREE), paths(sends));
    }

    @Test
    void aWorkspaceHoldingWhatNoManifestExplainsIsNotTrusted() {
        WorkspaceManifest tree = manifest(TREE, Map.of());
        Set<String> withStranger = new java.util.HashSet<>(ALL);
        withStranger.add("go/cmd/generated.go");

        assertTrue(WorkspaceDiff.sends(Optional.of(tree), tree, TREE, withStranger, Set.of()).isEmpty(), "not in the manifest");
        assertTrue(WorkspaceDiff.sends(Optional.empty(), tree, TREE, Set.of("go"), Set.of()).isEmpty(), "left in a cleared one");
        List<SourceEntry> smaller = List.of(folder("go"), file("go/go.mod", 10));
        assertTrue(WorkspaceDiff.sends(Optional.of(tree), manifest(smaller, Map.of()), smaller, ALL, Set.of()).isEmpty(),
                "a deleted source still there");
    }

    @Test
    void aLargeTreeIsWorthAVolumeASmallOneOrAnAmbiguousNameIsNot() {
        assertFalse(Workspaces.worthAVolume(TREE));
        List<SourceEntry> large = List.of(folder("data"), file("data/blob", Workspaces.VOLUME_FROM_BYTES));
        assertTrue(Workspaces.worthAVolume(large));
        assertFalse(Workspaces.worthAVolume(List.of(folder("data"), file("data/blob", Workspaces.VOLUME_FROM_BYTES),
                file("data/two\nlines", 1))));
    }
}
