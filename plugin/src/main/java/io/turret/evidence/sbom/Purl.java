package io.turret.evidence.sbom;

import java.nio.charset.StandardCharsets;

/** Package URLs' percent-encoding: anything but letters, digits and {@code .-_~} is encoded. */
final class Purl {
    private Purl() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** A name with {@code /} between its segments (a Go module path), each segment encoded. */
    static String path(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        return out.toString();
    }
}
