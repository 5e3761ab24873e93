package io.turret.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): its scheme ({@code Basic},
 * {@code Bearer}) and its parameters ({@code realm}, {@code service}, {@code scope}).
 */
public record Challenge(String scheme, Map<String, String> parameters) {
    public Challenge {
        parameters = Map.copyOf(parameters);
    }

    /** Every challenge of these header values, in order; what cannot be read is left out. */
    public static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Reader(value).readAll(challenges);
        }
        return challenges;
    }

    public boolean is(String scheme) {
        return this.scheme.equalsIgnoreCase(scheme);
    }

    /** A parameter by its name, which is case-insensitive; null when absent. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads {@code scheme [name=value|name="quoted value"] (, ...)*} challenges, comma-separated. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void readAll(List<Challenge> into) {
            skipSeparators();
            while (at < text.length()) {
                String scheme = token();
                if (scheme.isEmpty()) {
                    return;
                }
                Map<String, String> parameters = new LinkedHashMap<>();
                skipSeparators();
                while (at < text.length() && startsParameter()) {
                    String name = token().toLowerCase(Locale.ROOT);
                    at++; // '='
                    skipSpaces();
                    parameters.put(name, at < text.length() && text.charAt(at) == '"' ? quoted() : token());
                    skipSeparators();
                }
                into.add(new Challenge(scheme, parameters));
            }
        }

        /** A token followed by '=' is a parameter; a token followed by anything else starts the next challenge. */
        private boolean startsParameter() {
            int end = at;
            while (end < text.length() && isTokenChar(text.charAt(end))) {
                end++;
            }
            while (end < text.length() && text.charAt(end) == ' ') {
                end++;
            }
            return end > at && end < text.length() && text.charAt(end) == '='
                    && (end + 1 >= text.length() || text.charAt(end + 1) != '=');
        }

        private String token() {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            String token = text.substring(start, at);
            skipSpaces();
            return token;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++; // opening quote
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            at++; // closing quote
            return value.toString();
        }

        private void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private void skipSeparators() {
            while (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
        }
    }
}
