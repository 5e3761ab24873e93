package io.turret.oci;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform an image is for, as OCI indexes and Docker's {@code --platform} name it:
 * {@code OS/ARCHITECTURE[/VARIANT]}, e.g. {@code linux/amd64}, {@code linux/arm64/v8}. Each part is
 * lower-case letters, digits, '.', '_' or '-', validated when made.
 */
public record Platform(String os, String architecture, Optional<String> variant) {
    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Platform {
        Objects.requireNonNull(variant, "variant");
        requirePart("os", os);
        requirePart("architecture", architecture);
        variant.ifPresent(value -> requirePart("variant", value));
    }

    /** {@code OS/ARCHITECTURE}, no variant. */
    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, Optional.empty());
    }

    /** Reads {@code OS/ARCHITECTURE[/VARIANT]}; anything else is refused with the reason. */
    public static Platform parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not a platform: write it as OS/ARCHITECTURE[/VARIANT],"
                    + " e.g. linux/amd64 or linux/arm64/v8");
        }
        try {
            return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a platform: " + e.getMessage(), e);
        }
    }

    /** {@code OS/ARCHITECTURE[/VARIANT]}, what {@link #parse} reads. */
    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(value -> "/" + value).orElse("");
    }

    private static void requirePart(String name, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new IllegalArgumentException("its " + name + " '" + value + "' is not lower-case letters, digits, '.', '_'"
                    + " or '-'");
        }
    }
}
