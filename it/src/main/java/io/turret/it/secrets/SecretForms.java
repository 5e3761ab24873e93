package io.turret.it.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms a secret takes on its way out, for tests that look for it in an output: the secret
 * itself, URL-encoded and JSON-escaped; base64 (standard and URL alphabets, padded or not) of it,
 * of {@code user:pass} (Basic authentication) and of the JSON auth object ({@code X-Registry-Auth},
 * config.json); and, so that no surrounding text hides it, the part of a base64 stream that the
 * secret alone determines, at each of the three offsets it can start at.
 *
 * <pre>{@code
 * List<String> leaked = SecretForms.of(user, password).stream().filter(output::contains).toList();
 * assertEquals(List.of(), leaked);
 * }</pre>
 *
 * Give it a secret of 12 characters or more: the shorter fragments of a short one would match by
 * chance.
 */
public final class SecretForms {
    private static final int SHORTEST_FRAGMENT = 8;

    private SecretForms() {
    }

    /** Every form of {@code password} (and of {@code username} with it) to look for; none of the user name alone. */
    public static List<String> of(String username, String password) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(password);
        forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(jsonEscaped(password));
        forms.add(jsonEscaped(password).replace("/", "\\/"));
        forms.add(unicodeEscaped(password));
        String user = jsonEscaped(username);
        String pass = jsonEscaped(password);
        for (String whole : List.of(password, username + ":" + password,
                "{\"username\":\"" + user + "\",\"password\":\"" + pass + "\"}",
                "{\"username\": \"" + user + "\", \"password\": \"" + pass + "\"}",
                "{\"password\":\"" + pass + "\",\"username\":\"" + user + "\"}")) {
            forms.addAll(base64(whole));
        }
        forms.addAll(base64Fragments(password));
        forms.addAll(base64Fragments(pass));
        forms.addAll(base64Fragments(username + ":" + password));
        forms.removeIf(form -> form.length() < Math.min(SHORTEST_FRAGMENT, password.length()));
        return List.copyOf(forms);
    }

    /** The forms of the password that {@code text} holds; empty when it holds none. */
    public static List<String> foundIn(String text, String username, String password) {
        return of(username, password).stream().filter(text::contains).toList();
    }

    private static List<String> base64(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(bytes);
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        return List.of(standard, standard.replace("=", ""), url, url.replace("=", ""));
    }

    /**
     * What base64 of any text holding {@code secret} contains: base64 turns 3 bytes into 4 characters,
     * so for each offset (mod 3) the secret can start at, the characters made of its bits alone.
     */
    private static List<String> base64Fragments(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> fragments = new java.util.ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            int first = (8 * shift + 5) / 6;
            int end = 8 * (shift + bytes.length) / 6;
            String standard = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(shifted);
            if (end - first >= SHORTEST_FRAGMENT) {
                fragments.add(standard.substring(first, end));
                fragments.add(url.substring(first, end));
            }
        }
        return fragments;
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return escaped.toString();
    }

    private static String unicodeEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }
}
