package io.turret.reuse;

import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 key over named inputs. Each value goes in with its name and length, so that no two
 * different sets of inputs can give the same stream ("ab"+"c" is not "a"+"bc"); maps go in sorted.
 */
public final class Fingerprint {
    private final MessageDigest digest = sha256();

    /** @param kind what is keyed and the format's version: a new format gives new keys */
    public Fingerprint(String kind) {
        add("kind", kind);
    }

    public Fingerprint add(String name, String value) {
        field(name);
        bytes(value == null ? "\0null" : value);
        return this;
    }

    public Fingerprint add(String name, List<String> values) {
        field(name);
        bytes(Integer.toString(values.size()));
        values.forEach(this::bytes);
        return this;
    }

    public Fingerprint add(String name, Map<String, String> values) {
        field(name);
        Map<String, String> sorted = new TreeMap<>(values);
        bytes(Integer.toString(sorted.size()));
        sorted.forEach((key, value) -> {
            bytes(key);
            bytes(value == null ? "\0null" : value);
        });
        return this;
    }

    /** The key: 64 lower-case hex digits. */
    public String key() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A stream whose bytes go into a digest and nowhere else; {@link Sink#digest()} once it is written. */
    public static Sink sink() {
        return new Sink();
    }

    /** The SHA-256 of these bytes. */
    public static Digest of(byte[] bytes) {
        return Digest.of(bytes);
    }

    /** The SHA-256 of a file's content. */
    public static Digest ofFile(Path file) throws IOException {
        try (Sink sink = sink(); InputStream in = Files.newInputStream(file)) {
            in.transferTo(sink);
            return sink.digest();
        }
    }

    private void field(String name) {
        bytes("\n" + name);
    }

    private void bytes(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new EnvironmentFailure("this JVM has no SHA-256: " + e.getMessage(), e);
        }
    }

    /** Counts bytes into a SHA-256. */
    public static final class Sink extends DigestOutputStream {
        Sink() {
            super(OutputStream.nullOutputStream(), sha256());
        }

        /** The SHA-256 of what was written. */
        public Digest digest() {
            return new Digest(HexFormat.of().formatHex(getMessageDigest().digest()));
        }
    }
}
