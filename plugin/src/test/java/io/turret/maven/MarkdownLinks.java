package io.turret.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of a Markdown file that lead nowhere: to a file or folder that does not
 * exist, or to an anchor that no heading of the linked page makes (as GitHub makes anchors).
 * Links to other sites ({@code https:}, {@code mailto:}) and text inside fenced code blocks are
 * not checked.
 */
final class MarkdownLinks {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*)");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private MarkdownLinks() {
    }

    /** Each broken link of {@code file}, as {@code "FILE:LINE: TARGET (why)"}. */
    static List<String> broken(Path file) {
        List<String> broken = new ArrayList<>();
        List<String> lines = outsideCode(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher link = LINK.matcher(lines.get(i));
            while (link.find()) {
                String target = link.group(1);
                if (SCHEME.matcher(target).matches()) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path linked = path.isEmpty() ? file : file.resolveSibling(path).normalize();
                String where = file + ":" + (i + 1) + ": " + target;
                if (!Files.exists(linked)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0 && linked.toString().endsWith(".md")
                        && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such heading in " + linked.getFileName() + ")");
                }
            }
        }
        return broken;
    }

    /** The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCode(page)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int before = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(before == 0 ? slug : slug + "-" + before);
            }
        }
        return anchors;
    }

    /** The file's lines, with those of fenced code blocks (and their fences) blanked, so line numbers stay. */
    private static List<String> outsideCode(Path file) {
        try {
            List<String> lines = new ArrayList<>();
            boolean inCode = false;
            for (String line : Files.readAllLines(file)) {
                boolean fence = line.stripLeading().startsWith("```");
                lines.add(inCode || fence ? "" : line);
                inCode = fence != inCode;
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
