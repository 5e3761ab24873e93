package io.turret.evidence;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first PEM block of a key file: its label and its DER bytes. Messages name the file and the
 * label, never a byte of its content (a private key's file is a secret).
 */
record Pem(String label, byte[] der) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    @Override
    public String toString() {
        return "Pem[" + label + ", ****]";
    }

    /** @param where the pom element and property that named the file, for messages */
    static Pem read(Path file, String where) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new UserFailure(where + ": " + file + " does not exist; give the path of a PEM file.");
        } catch (IOException e) {
            throw new EnvironmentFailure(where + ": " + file + " cannot be read (" + e.getClass().getSimpleName() + ").");
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            throw new UserFailure(where + ": " + file + " is not a PEM file (no -----BEGIN ...----- / -----END ...----- block).");
        }
        try {
            return new Pem(block.group(1), Base64.getMimeDecoder().decode(block.group(2)));
        } catch (IllegalArgumentException e) {
            throw new UserFailure(where + ": the " + block.group(1) + " block of " + file + " is not valid base64.");
        }
    }
}
