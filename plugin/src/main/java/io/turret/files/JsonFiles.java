package io.turret.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.failure.Causes;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON files Turret writes under target/turret/ (images.json, tested.json, release.json, ...),
 * indented, and the one mapper for all of Turret's JSON: those files, manifests, engine and
 * registry answers.
 */
public final class JsonFiles {
    /**
     * One mapper for all JSON, thread-safe once configured: compact, for what goes over the wire (a
     * manifest's bytes are its digest); the files are indented by {@link #PRETTY}.
     */
    public static final ObjectMapper JSON = new ObjectMapper();
    /** How the files for people are written: indented. */
    public static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private JsonFiles() {
    }

    /** Writes {@code value} (a tree or a record) to {@code file}, creating its folder. */
    public static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            PRETTY.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot write " + file + ": " + Causes.describe(e), e);
        }
    }
}
