package io.turret.evidence.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Debian package dpkg records as installed: a paragraph of {@code var/lib/dpkg/status} (or of a
 * file of {@code status.d/}, as distroless images keep it).
 */
public record DebianPackage(String name, String version, String architecture) {

    /** {@code pkg:deb/debian/NAME@VERSION?arch=ARCH}. */
    public String purl() {
        return "pkg:deb/debian/" + Purl.encode(name) + "@" + Purl.encode(version) + "?arch=" + Purl.encode(architecture);
    }

    /** The installed packages of a status file; half-installed and removed ones are left out. */
    public static List<DebianPackage> parseStatus(byte[] status) {
        List<DebianPackage> packages = new ArrayList<>();
        for (Map<String, String> paragraph : paragraphs(new String(status, StandardCharsets.UTF_8))) {
            String name = paragraph.get("Package");
            String version = paragraph.get("Version");
            String state = paragraph.getOrDefault("Status", "install ok installed");
            if (name == null || version == null || !state.endsWith(" installed")) {
                continue;
            }
            packages.add(new DebianPackage(name, version, paragraph.getOrDefault("Architecture", "all")));
        }
        return packages;
    }

    private static List<Map<String, String>> paragraphs(String text) {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    paragraphs.add(fields);
                    fields = new LinkedHashMap<>();
                }
            } else if (!Character.isWhitespace(line.charAt(0))) { // a continuation line belongs to a field we do not read
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }
        if (!fields.isEmpty()) {
            paragraphs.add(fields);
        }
        return paragraphs;
    }
}
