package io.turret.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A folder whose content is not trusted (a builder's output): paths in it are resolved the way the
 * kernel resolves them, following every link met, but the walk stops as soon as a step would leave
 * the folder, so nothing outside it is ever looked at. The text of a link alone cannot decide:
 * {@code d/up/../x} reads as inside, and leaves the folder when {@code d/up} is a link to {@code ..}.
 */
public final class ConfinedFolder {
    /** Where Linux gives up too (ELOOP). */
    private static final int MAX_LINKS = 40;

    private final Path root;

    /** @param folder an existing folder; it is taken at its real path */
    public ConfinedFolder(Path folder) throws IOException {
        this.root = folder.toRealPath();
    }

    /** The folder's real path: what {@link #resolve} starts from and returns paths under. */
    public Path root() {
        return root;
    }

    /**
     * Where {@code path} leads from {@code from} (a folder under {@link #root()} with no link on the
     * way), following links. The result has no link on the way either; its last parts may not exist.
     *
     * @throws Escape when a step leaves the folder, a link is absolute, or links loop
     */
    public Path resolve(Path from, String path) throws IOException, Escape {
        if (!from.startsWith(root)) {
            throw new IllegalArgumentException(from + " is not under " + root);
        }
        if (path.startsWith("/")) {
            throw new Escape("is absolute");
        }
        Deque<String> names = new ArrayDeque<>();
        push(names, path);
        Path current = from;
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (current.equals(root)) {
                    throw new Escape("leads outside " + root);
                }
                current = current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new Escape("is a loop of links (more than " + MAX_LINKS + " links followed)");
            }
            String target = Files.readSymbolicLink(next).toString();
            if (target.startsWith("/")) {
                throw new Escape("leads through the absolute link " + root.relativize(next) + " -> " + target);
            }
            push(names, target); // resolved from the link's folder, which is current
        }
        return current;
    }

    private static void push(Deque<String> names, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            names.push(parts[i]);
        }
    }

    /** Why a path was refused, in words that follow the path's name. */
    public static final class Escape extends Exception {
        private static final long serialVersionUID = 1L;

        Escape(String message) {
            super(message);
        }
    }
}
