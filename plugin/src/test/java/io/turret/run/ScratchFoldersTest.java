package io.turret.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.files.JsonFiles;
import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFoldersTest {
    @TempDir
    Path tmp;

    private Path folderOf(String name, Owner owner) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.writeString(folder.resolve("blob"), "a copy of an image layer");
        if (owner != null) {
            JsonFiles.write(folder.resolve("owner.json"), owner);
        }
        return folder;
    }

    private List<String> left() throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void removesWhatRunsThatAreGoneLeftAndKeepsWhatLiveRunsUse() throws Exception {
        folderOf("killed", LivenessTest.OTHER);
        folderOf("live", new Owner("agent-1", 300, 3_000));
        folderOf("young-of-an-older-turret", null);
        Path old = folderOf("old-of-an-older-turret", null);
        Files.setLastModifiedTime(old, FileTime.from(LivenessTest.NOW.minus(Duration.ofHours(7))));
        Files.setLastModifiedTime(tmp.resolve("young-of-an-older-turret"), FileTime.from(LivenessTest.NOW));

        Path mine = new ScratchFolders(tmp, LivenessTest.liveness(new FakeProcesses().running(new Owner("agent-1", 300, 3_000))),
                Log.silent()).open("run-2");

        assertEquals(List.of("live", "run-2", "young-of-an-older-turret"), left());
        assertEquals(LivenessTest.SELF, JsonFiles.JSON.readValue(mine.resolve("owner.json").toFile(), Owner.class));
    }

    @Test
    void aRunsOwnFolderGoesWhenItIsRemoved() throws Exception {
        Path mine = new ScratchFolders(tmp, LivenessTest.liveness(new FakeProcesses()), Log.silent()).open("run-1");
        Files.writeString(mine.resolve("layer"), "unpacked");

        ScratchFolders.remove(mine);

        assertTrue(left().isEmpty());
    }
}
