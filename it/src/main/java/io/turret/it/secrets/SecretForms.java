package io.turret.it.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms in which a password leaks into an output: plain, URL-encoded, JSON-escaped, and
 * base64 (standard and URL-safe) of itself, of {@code user:password} (Basic auth), of the engine's
 * auth JSON ({@code X-Registry-Auth}), and of the password inside any longer text, whatever its
 * offset there.
 */
public final class SecretForms {
    private SecretForms() {
    }

    public static List<String> of(String username, String password) {
        Set<String> forms = new LinkedHashSet<>();
        String json = jsonEscaped(password);
        forms.add(password);
        forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
        forms.add(json);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            forms.add(encoder.encodeToString(bytes(password)));
            forms.add(encoder.encodeToString(bytes(username + ":" + password)));
            forms.add(encoder.encodeToString(bytes("{\"username\":\"" + jsonEscaped(username) + "\",\"password\":\"" + json + "\"}")));
            forms.addAll(inside(encoder, password));
            forms.addAll(inside(encoder, json));
        }
        return List.copyOf(forms);
    }

    /** The forms of the password that {@code text} holds; empty when it holds none. */
    public static List<String> foundIn(String text, String username, String password) {
        return of(username, password).stream().filter(text::contains).toList();
    }

    /**
     * The base64 characters that only the secret's bytes decide, when it sits at each of the three
     * offsets modulo 3 inside longer encoded data.
     */
    private static List<String> inside(Base64.Encoder encoder, String secret) {
        List<String> fragments = new ArrayList<>();
        byte[] plain = bytes(secret);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + plain.length];
            System.arraycopy(plain, 0, shifted, offset, plain.length);
            String encoded = encoder.withoutPadding().encodeToString(shifted);
            int first = (8 * offset + 5) / 6;
            int end = 8 * shifted.length / 6;
            if (end - first >= 8) {
                fragments.add(encoded.substring(first, end));
            }
        }
        return fragments;
    }

    private static String jsonEscaped(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
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

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
