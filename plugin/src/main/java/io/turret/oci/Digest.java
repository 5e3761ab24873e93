package io.turret.oci;

import io.turret.failure.EnvironmentFailure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest as registries and the engine name manifests, blobs and image ids:
 * {@code sha256:} and 64 lower-case hex digits, nothing else. Validated where it enters, so that a
 * digest read from a registry, a file or a journal can go into a URL or a file name unquoted.
 */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "sha256:";

    public Digest {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 64 lower-case hex digits: '" + shortened(hex) + "'");
        }
    }

    /** Reads {@code sha256:HEX}; anything else is refused with the reason. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + shortened(String.valueOf(text)) + "' is not a digest (sha256: and 64"
                    + " lower-case hex digits)");
        }
        try {
            return new Digest(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + shortened(text) + "' is not a digest (sha256: and 64 lower-case hex"
                    + " digits)", e);
        }
    }

    /**
     * Reads a digest that came from {@code source} (a registry's answer, a tarball, the engine, a
     * file): one that is not a digest is refused there, the message naming where it came from.
     *
     * @param source what gave it, as a message goes on: {@code the registry r:5000's Docker-Content-Digest}
     */
    public static Digest parse(String text, String source) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new EnvironmentFailure(source + ": " + e.getMessage() + ".", e);
        }
    }

    /** The digest in {@code text}, or empty when it is not one. */
    public static Optional<Digest> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The SHA-256 of these bytes. */
    public static Digest of(byte[] bytes) {
        try {
            return new Digest(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The form registries, manifests and the engine use: {@code sha256:HEX}. */
    @Override
    public String toString() {
        return PREFIX + hex;
    }

    /** A shown value is cut short: a crafted one may be long. */
    private static String shortened(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
