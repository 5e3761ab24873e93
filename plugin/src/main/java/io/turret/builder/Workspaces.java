package io.turret.builder;

import io.turret.docker.ContainerSpec;
import io.turret.docker.DockerAccess;
import io.turret.docker.Labels;
import io.turret.docker.RunResources;
import io.turret.failure.Causes;
import io.turret.failure.Interrupted;
import io.turret.report.Log;
import io.turret.reuse.ContentKeys;
import io.turret.tar.SourceArchive;
import io.turret.tar.SourceEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A builder's sources kept between runs in a named volume of its own, so that a run sends only
 * what changed. The builder's container mounts the volume at its working directory.
 *
 * <p>How the volume is kept true to the sources, whatever a script did in it or a kill left behind:
 * <ul>
 * <li>A second volume, which no script sees, holds the manifest of what Turret put in the
 * workspace (per path: type, mode, size, content key or link target). It is written last, after
 * every file, and the sync step removes it before anything is sent: a sync cut short (kill -9)
 * leaves no manifest, and no manifest (or a manifest cut short) means the workspace is cleared and
 * everything sent again.</li>
 * <li>What a script changed is found by the kernel's change time: the manifest's is later than
 * every file's that Turret sent, and anything a script creates, writes, renames, links or chmods
 * afterwards gets a later one (a script cannot set a change time). Before each sync a step
 * container (the builder's image, as root, GNU find's {@code -newercc}) removes every changed file
 * and every changed folder that is left empty, and lists what the workspace holds; what a script
 * deleted is missing from that list and is sent again. Content is never trusted to a time the
 * script can set (a modification time).</li>
 * <li>The step container has a fixed name, which the engine gives one container at a time: it is
 * the workspace's lock, held until the builder's container is gone. A run that cannot take it
 * (another run of the project builds now), an image whose find cannot compare change times, an
 * image with files of its own at the working directory (the volume would hide them), or anything
 * unexpected: the run copies the whole tree into its container, as without a volume.</li>
 * </ul>
 * Files are sent as the full copy sends them (owned by root, the project's modes), so a script of any
 * user can read and write them as before; removing the volumes ({@code docker volume rm}) only makes the
 * next run send everything. A tree smaller than {@link #VOLUME_FROM_BYTES} is copied whole: the step
 * container costs more than the copy.
 */
final class Workspaces {
    /** The size of a tree (its tar) from which a volume pays. */
    static final long VOLUME_FROM_BYTES = 32L << 20;
    private static final String WORKSPACE = "/.turret-workspace";
    private static final String STATE = "/.turret-state";
    private static final String PLAN = ".turret-plan";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);
    private static final int OCCUPIED = 3;
    private static final int NO_CHANGE_TIMES = 4;

    /** The step: $1 is the working directory; /.turret-plan says {@code full}, or {@code incremental} and the paths to delete. */
    static final String STEP = """
            set -eu
            M=/.turret-state/manifest
            if [ -n "$(ls -A "$1" 2>/dev/null)" ]; then echo "the image has files in $1"; exit 3; fi
            cd /.turret-workspace
            find . -maxdepth 0 -newercc /.turret-plan -printf '' 2>/dev/null || { echo "find cannot compare change times"; exit 4; }
            read -r mode < /.turret-plan
            if [ "$mode" != incremental ] || [ ! -f "$M" ]; then
              rm -f "$M"
              find . -mindepth 1 -maxdepth 1 -exec rm -rf {} +
              exit 0
            fi
            find . -mindepth 1 ! -type d -newercc "$M" -exec rm -f {} +
            find . -mindepth 1 -type d -newercc "$M" -empty -delete
            tail -n +2 /.turret-plan | while IFS= read -r path; do rm -rf -- "./$path"; done
            find . -mindepth 1 -type d -newercc "$M" -printf 'changed %P\\n'
            find . -mindepth 1 -printf 'have %P\\n'
            rm -f "$M"
            """;

    /** A workspace volume that holds a builder's sources, and the lock held on it until {@link #release}. */
    record Held(String volume, String lock) {
    }

    private final DockerAccess docker;
    private final RunResources run;
    private final BuildSettings settings;
    private final Log log;
    private final ContentKeys keys;

    /** @param keys the content keys of the sources' files */
    Workspaces(DockerAccess docker, RunResources run, BuildSettings settings, Log log, ContentKeys keys) {
        this.keys = keys;
        this.docker = docker;
        this.run = run;
        this.settings = settings;
        this.log = log;
    }

    /**
     * The volume that holds {@code builder}'s sources now, locked for this run; empty when its sources are to be copied
     * whole.
     *
     * @param workspace what names the volume: the builder's name, or {@code it-} and the runner's
     */
    Optional<Held> sync(Script builder, String workspace) {
        String where = "[" + builder.name() + "] ";
        if (builder.caches().contains(builder.workingDirectory())) {
            return Optional.empty(); // the cache is mounted there
        }
        List<SourceEntry> sources;
        try {
            sources = archive(builder).entries(builder.sources());
        } catch (IOException e) {
            return Optional.empty(); // the full copy reads them again and tells what is wrong
        }
        if (!worthAVolume(sources)) {
            return Optional.empty();
        }
        String volume = "turret-" + run.project() + "-" + workspace + "-workspace";
        String state = volume + "-state";
        Optional<String> lock = Optional.empty();
        try {
            docker.ensureVolume(volume, Labels.ofProject(run.project(), "build-workspace"));
            docker.ensureVolume(state, Labels.ofProject(run.project(), "build-workspace"));
            lock = run.createContainerOnce(new ContainerSpec(volume + "-sync", builder.image(),
                    List.of(STEP, "turret-workspace", builder.workingDirectory()), "/", Map.of(), run.labels("workspace"), "none",
                    Map.of(volume, WORKSPACE, state, STATE)).withEntrypoint(List.of("sh", "-c")), "0");
            if (lock.isEmpty()) {
                log.info(where + "another run of " + run.project() + " uses the workspace volume " + volume
                        + ": sending the whole tree");
                return Optional.empty();
            }
            if (!fill(builder, workspace, lock.get(), sources, WorkspaceManifest.of(sources, keys))) {
                return Optional.empty();
            }
            Held held = new Held(volume, lock.get());
            lock = Optional.empty(); // held until the builder's container is gone
            return Optional.of(held);
        } catch (Interrupted e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            log.warn(where + "could not sync the workspace volume " + volume + " (" + Causes.describe(e)
                    + "): sending the whole tree");
            return Optional.empty();
        } finally {
            lock.ifPresent(run::removeContainer);
        }
    }

    /** Releases the lock taken by {@link #sync}. */
    void release(Held held) {
        run.removeContainer(held.lock());
    }

    /** Brings the workspace to {@code now}; false when it cannot be used this time. */
    private boolean fill(Script builder, String workspace, String lock, List<SourceEntry> sources, WorkspaceManifest now)
            throws IOException {
        String where = "[" + builder.name() + "] ";
        Optional<WorkspaceManifest> before = readManifest(lock);
        List<String> deletions = before.map(manifest -> WorkspaceDiff.deletions(manifest, now)).orElse(List.of());
        StringBuilder plan = new StringBuilder(before.isPresent() ? "incremental" : "full").append('\n');
        deletions.forEach(path -> plan.append(path).append('\n'));
        docker.copyIn(lock, "/", oneFile(PLAN, plan.toString()));
        docker.start(lock);
        Set<String> present = new HashSet<>();
        Set<String> changedFolders = new HashSet<>();
        List<String> said = new ArrayList<>();
        OptionalInt code = docker.followUntilExit(lock, line -> {
            if (line.startsWith("have ")) {
                present.add(line.substring("have ".length()));
            } else if (line.startsWith("changed ")) {
                changedFolders.add(line.substring("changed ".length()));
            } else {
                said.add(line);
            }
        }, STEP_TIMEOUT);
        if (code.isEmpty() || code.getAsInt() != 0) {
            String reason = code.isEmpty() ? "still running after " + STEP_TIMEOUT.toMinutes() + " minutes"
                    : String.join("; ", said.subList(Math.max(0, said.size() - 3), said.size()));
            String message = where + "the workspace volume cannot be used (" + reason + "): sending the whole tree";
            if (code.isPresent() && (code.getAsInt() == OCCUPIED || code.getAsInt() == NO_CHANGE_TIMES)) {
                log.debug(message);
            } else {
                log.warn(message);
            }
            return false;
        }
        Optional<List<SourceEntry>> sends = WorkspaceDiff.sends(before, now, sources, present, changedFolders);
        if (sends.isEmpty()) {
            log.info(where + "the workspace volume holds files Turret did not put there: sending the whole tree");
            return false;
        }
        send(workspace, lock, sends.get());
        docker.copyIn(lock, "/", oneFile(STATE.substring(1) + "/manifest", now.text()));
        log.debug(where + sends.get().size() + " of " + sources.size() + " entries sent, " + deletions.size() + " removed");
        return true;
    }

    private void send(String workspace, String lock, List<SourceEntry> sends) throws IOException {
        Path tar = run.scratch().resolve("workspace-" + workspace + ".tar");
        Files.createDirectories(tar.getParent());
        try (OutputStream out = Files.newOutputStream(tar)) {
            SourceArchive.writeEntries(sends, WORKSPACE, out);
        }
        try (InputStream in = Files.newInputStream(tar)) {
            docker.copyIn(lock, "/", in);
        }
        Files.delete(tar);
    }

    private Optional<WorkspaceManifest> readManifest(String lock) throws IOException {
        Optional<InputStream> archive = docker.copyOut(lock, STATE + "/manifest");
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive.get())) {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null || !entry.isFile()) {
                return Optional.empty();
            }
            return WorkspaceManifest.parse(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Whether the tree is large enough for a volume to pay, and has no name the step's listing could not tell apart. */
    static boolean worthAVolume(List<SourceEntry> sources) {
        long bytes = 0;
        for (SourceEntry source : sources) {
            if (source.path().contains("\n")) {
                return false;
            }
            bytes += 512 + source.size();
        }
        return bytes >= VOLUME_FROM_BYTES;
    }

    private SourceArchive archive(Script builder) {
        return new SourceArchive(settings.projectDirectory(), settings.buildDirectory(), builder.excludes());
    }

    private static InputStream oneFile(String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            entry.setMode(0100644);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
