package io.turret.evidence.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the Go toolchain embeds in every binary it links (since Go 1.18), as {@code go version -m}
 * shows it: the Go version, the main package's path, the main module and each dependency module.
 * Read from the binary's bytes, as Go's own {@code debug/buildinfo} reads it: the 16-byte aligned
 * header {@code \xff Go buildinf:}, then (with the inline-strings flag) two length-prefixed
 * strings, the version and the module information between its two 16-byte sentinels.
 *
 * @param goVersion {@code go1.22.1}
 * @param path the main package's import path
 * @param main the main module; empty for a binary built outside a module
 * @param dependencies the modules it was linked with, replacements applied
 */
public record GoBuildInfo(String goVersion, String path, Optional<GoModule> main, List<GoModule> dependencies) {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ALIGN = 16;
    private static final int FLAG_INLINE_STRINGS = 2;
    private static final int MAX_STRING = 1 << 20;

    public GoBuildInfo {
        dependencies = List.copyOf(dependencies);
    }

    /** A module: {@code pkg:golang/PATH@VERSION} ({@code (devel)}, a module built from its own sources, has no version). */
    public record GoModule(String path, String version) {
        public String purl() {
            return "pkg:golang/" + Purl.path(path) + (version.isEmpty() || version.equals("(devel)") ? "" : "@" + Purl.encode(version));
        }
    }

    /** Whether the file starts as an ELF, Mach-O or PE binary: the only files worth searching. */
    public static boolean looksLikeBinary(byte[] head) {
        return head.length >= 4 && ((head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F')
                || (head[0] == 'M' && head[1] == 'Z')
                || ((head[0] & 0xff) == 0xcf && (head[1] & 0xff) == 0xfa && (head[2] & 0xff) == 0xed && (head[3] & 0xff) == 0xfe));
    }

    /** The build information of a Go binary; empty for any other file, and for Go before 1.18. */
    public static Optional<GoBuildInfo> read(byte[] binary) {
        for (int at = 0; at + 32 <= binary.length; at += ALIGN) {
            if (!Arrays.equals(binary, at, at + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                continue;
            }
            if ((binary[at + 15] & FLAG_INLINE_STRINGS) == 0) {
                return Optional.empty(); // Go before 1.18: pointers into the data segment, not read here
            }
            int[] cursor = {at + 32};
            Optional<byte[]> version = string(binary, cursor);
            Optional<byte[]> modules = string(binary, cursor);
            if (version.isEmpty() || modules.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(parse(new String(version.get(), StandardCharsets.UTF_8),
                    new String(sentinelsRemoved(modules.get()), StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static byte[] sentinelsRemoved(byte[] modules) {
        return modules.length >= 33 && modules[modules.length - 17] == '\n'
                ? Arrays.copyOfRange(modules, 16, modules.length - 16) : modules;
    }

    /** @param modules the module information in {@code go version -m}'s format (tab-separated lines) */
    static GoBuildInfo parse(String goVersion, String modules) {
        String path = "";
        GoModule main = null;
        List<GoModule> dependencies = new ArrayList<>();
        for (String line : modules.split("\n")) {
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "path" -> path = field(fields, 1);
                case "mod" -> main = new GoModule(field(fields, 1), field(fields, 2));
                case "dep" -> dependencies.add(new GoModule(field(fields, 1), field(fields, 2)));
                case "=>" -> { // the line before is replaced by this module
                    if (!dependencies.isEmpty()) {
                        dependencies.set(dependencies.size() - 1, new GoModule(field(fields, 1), field(fields, 2)));
                    }
                }
                default -> { } // build settings
            }
        }
        return new GoBuildInfo(goVersion, path, Optional.ofNullable(main), dependencies);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    /** A uvarint length and that many bytes, from {@code cursor[0]}, which it moves past them. */
    private static Optional<byte[]> string(byte[] data, int[] cursor) {
        long length = 0;
        int shift = 0;
        int at = cursor[0];
        while (true) {
            if (at >= data.length || shift > 28) {
                return Optional.empty();
            }
            int b = data[at++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        if (length > MAX_STRING || at + length > data.length) {
            return Optional.empty();
        }
        cursor[0] = at + (int) length;
        return Optional.of(Arrays.copyOfRange(data, at, at + (int) length));
    }
}
