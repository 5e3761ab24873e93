package io.turret.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON files Turret writes under target/turret/ (images.json, tested.json, release.json, ...), indented. */
public final class JsonFiles {
    /** One mapper for every such file: thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /** Writes {@code value} (a tree or a record) to {@code file}, creating its folder. */
    public static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot write " + file + ": " + Causes.describe(e), e);
        }
    }
}
