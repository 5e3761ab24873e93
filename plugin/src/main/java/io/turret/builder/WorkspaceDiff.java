package io.turret.builder;

import io.turret.tar.SourceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a workspace volume needs to hold the sources again: which paths go before anything is sent,
 * and, once the workspace has been cleaned of what a script changed, which entries are sent.
 */
final class WorkspaceDiff {
    private WorkspaceDiff() {
    }

    /**
     * The paths of {@code before} that {@code now} no longer has, or has as another type, outermost
     * only (a folder that goes takes its content with it); in {@code before}'s order.
     */
    static List<String> deletions(WorkspaceManifest before, WorkspaceManifest now) {
        List<String> deletions = new ArrayList<>();
        for (Map.Entry<String, WorkspaceManifest.Entry> entry : before.entries().entrySet()) {
            WorkspaceManifest.Entry after = now.entries().get(entry.getKey());
            boolean gone = after == null || after.type() != entry.getValue().type();
            if (gone && deletions.stream().noneMatch(deleted -> entry.getKey().startsWith(deleted + "/"))) {
                deletions.add(entry.getKey());
            }
        }
        return deletions;
    }

    /**
     * The entries of {@code sources} to send into a workspace that holds {@code present} paths, of which the
     * folders {@code changedFolders} were changed since {@code before} was written (their mode, say): what is
     * missing, what {@code before} has otherwise, and those folders. Empty when the workspace holds a path that
     * neither {@code before} nor the sources have: something else wrote it, and only a full resend is sure.
     *
     * @param before what the workspace held when it was written; empty when it was cleared
     */
    static Optional<List<SourceEntry>> sends(Optional<WorkspaceManifest> before, WorkspaceManifest now, List<SourceEntry> sources,
            Set<String> present, Set<String> changedFolders) {
        Map<String, WorkspaceManifest.Entry> was = before.map(WorkspaceManifest::entries).orElse(Map.of());
        for (String path : present) {
            if (!was.containsKey(path) || !now.entries().containsKey(path)) {
                return Optional.empty();
            }
        }
        List<SourceEntry> sends = new ArrayList<>();
        for (SourceEntry source : sources) {
            String path = source.path();
            boolean send = !present.contains(path) || !now.entries().get(path).equals(was.get(path))
                    || source.type() == SourceEntry.Type.DIRECTORY && changedFolders.contains(path);
            if (send) {
                sends.add(source);
            }
        }
        return Optional.of(sends);
    }
}
