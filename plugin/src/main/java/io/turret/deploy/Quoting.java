package io.turret.deploy;

/**
 * Values written into the deployment files so that none can leave its place, whatever it holds:
 * a YAML double-quoted scalar, compose's {@code $} interpolation, a systemd word.
 */
final class Quoting {
    private Quoting() {
    }

    /** A YAML double-quoted scalar: quotes, backslashes, line breaks and every other control character escaped. */
    static String yaml(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        quoted.append(String.format("\\u%04x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    /** A value compose copies as it is: a YAML scalar with every {@code $} doubled, so that nothing in it is interpolated. */
    static String composeLiteral(String value) {
        return yaml(value.replace("$", "$$"));
    }

    /**
     * One word of a systemd unit's line, in double quotes: C escapes for quotes, backslashes and control
     * characters, {@code %%} for a specifier's {@code %}; with {@code literalDollar}, {@code $$} so that a
     * command line expands no variable in it.
     */
    static String systemd(String value, boolean literalDollar) {
        if (value.equals(";")) {
            return "\\;"; // a lone ';' separates commands even quoted; systemd's own escape for it
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '%' -> quoted.append("%%");
                case '$' -> quoted.append(literalDollar ? "$$" : "$");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
