package io.turret.builder;

import io.turret.reuse.ContentKeys;
import io.turret.tar.SourceEntry;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Turret put in a builder's workspace volume: per path (relative to the working directory),
 * its type, mode and content (a file's size and content key, a link's target). Kept in the volume's
 * state volume as text that ends with a count, so a manifest cut short reads as none.
 */
final class WorkspaceManifest {
    private static final String HEADER = "turret-workspace-manifest 1";
    private static final String END = "end";

    /** @param content a file's {@link io.turret.reuse.ContentKey}, a link's target, empty for a folder */
    record Entry(SourceEntry.Type type, int mode, long size, String content) {
    }

    private final Map<String, Entry> entries;

    WorkspaceManifest(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The manifest of {@code sources}, each file's content keyed by {@code keys}. */
    static WorkspaceManifest of(List<SourceEntry> sources, ContentKeys keys) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (SourceEntry source : sources) {
            String content = switch (source.type()) {
                case FILE -> keys.of(source.file());
                case LINK -> source.linkTarget();
                case DIRECTORY -> "";
            };
            entries.put(source.path(), new Entry(source.type(), source.mode(), source.size(), content));
        }
        return new WorkspaceManifest(entries);
    }

    /** Path → entry, in the order the sources were walked (a folder before its content). */
    Map<String, Entry> entries() {
        return entries;
    }

    String text() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.forEach((path, entry) -> text.append(entry.type().name().charAt(0)).append('\t')
                .append(Integer.toOctalString(entry.mode())).append('\t').append(entry.size()).append('\t')
                .append(escape(entry.content())).append('\t').append(escape(path)).append('\n'));
        return text.append(END).append('\t').append(entries.size()).append('\n').toString();
    }

    /** The manifest {@code text} holds; empty when it is not one, or one cut short. */
    static Optional<WorkspaceManifest> parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            for (int i = 1; i < lines.length - 2; i++) {
                String[] fields = lines[i].split("\t", -1);
                if (fields.length != 5) {
                    return Optional.empty();
                }
                String path = unescape(fields[4]);
                if (!plain(path)) {
                    return Optional.empty();
                }
                entries.put(path, new Entry(type(fields[0]), Integer.parseInt(fields[1], 8),
                        Long.parseLong(fields[2]), unescape(fields[3])));
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        boolean complete = lines[lines.length - 2].equals(END + "\t" + entries.size()) && entries.size() == lines.length - 3;
        return complete ? Optional.of(new WorkspaceManifest(entries)) : Optional.empty();
    }

    /** A relative path with no empty, {@code .} or {@code ..} name: the step deletes what the manifest names. */
    private static boolean plain(String path) {
        return !path.startsWith("/") && Arrays.stream(path.split("/", -1)).noneMatch(name -> name.isEmpty() || name.equals(".")
                || name.equals(".."));
    }

    private static SourceEntry.Type type(String letter) {
        for (SourceEntry.Type type : SourceEntry.Type.values()) {
            if (letter.equals(type.name().substring(0, 1))) {
                return type;
            }
        }
        throw new IllegalArgumentException("no entry type " + letter);
    }

    private static String escape(String value) {
        return value.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String value) {
        return value.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkspaceManifest manifest && manifest.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
