package io.turret.run;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.Folders;
import io.turret.files.JsonFiles;
import io.turret.report.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scratch folders of runs under {@code target/turret/tmp/}: one per run, holding
 * {@code owner.json}, so that a run killed before it removed its own (unpacked images, source
 * archives) has it removed by the next run, and a run still alive keeps its own.
 */
public final class ScratchFolders {
    private static final String OWNER_FILE = "owner.json";

    private final Path root;
    private final Liveness liveness;
    private final Log log;

    public ScratchFolders(Path root, Liveness liveness, Log log) {
        this.root = root;
        this.liveness = liveness;
        this.log = log;
    }

    /** Removes what dead runs left under the root, then makes {@code root/RUN_ID/} with this run's owner in it. */
    public Path open(String runId) {
        removeAbandoned();
        Path folder = root.resolve(runId);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot create " + folder + ": " + Causes.describe(e), e);
        }
        JsonFiles.write(folder.resolve(OWNER_FILE), liveness.self());
        return folder;
    }

    /** Removes a scratch folder; a missing one is fine. */
    public static void remove(Path folder) {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot remove " + folder + ": " + Causes.describe(e), e);
        }
    }

    private void removeAbandoned() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> listed = Files.list(root)) {
            entries = listed.toList();
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot list " + root + ": " + Causes.describe(e), e);
        }
        for (Path entry : entries) {
            try {
                if (liveness.gone(owner(entry), Files.getLastModifiedTime(entry).toInstant())) {
                    Folders.deleteRecursively(entry);
                    log.info("Removed " + root.relativize(entry) + " from " + root + ", which a run that is gone left behind");
                }
            } catch (IOException e) {
                log.warn("Could not remove " + entry + ", which a run that is gone left behind: " + Causes.describe(e));
            }
        }
    }

    /** The owner its folder names; empty for anything else (left by an older Turret). */
    private static Optional<Owner> owner(Path entry) {
        Path file = entry.resolve(OWNER_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonFiles.JSON.readValue(file.toFile(), Owner.class));
        } catch (IOException unreadable) {
            return Optional.empty(); // written halfway by a killed run: its age decides
        }
    }
}
