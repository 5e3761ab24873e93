package io.turret.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable copies of configured lists and maps. Maven leaves an absent element null and turns an
 * empty one ({@code <source/>}, {@code <FOO/>}) into a null entry: those mean "nothing" and "empty".
 */
public final class Configured {
    private Configured() {
    }

    public static List<String> list(List<String> configured) {
        return configured == null ? List.of() : configured.stream().filter(Objects::nonNull).toList();
    }

    public static Map<String, String> map(Map<String, String> configured) {
        if (configured == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        configured.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        return Collections.unmodifiableMap(copy);
    }
}
