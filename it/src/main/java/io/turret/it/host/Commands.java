package io.turret.it.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Short-lived commands of the host (openssl, htpasswd, apt-get), run to completion. */
public final class Commands {
    private Commands() {
    }

    /** Runs {@code command}, feeding it {@code input}, and returns its output; fails with that output on a non-zero exit. */
    public static String run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " failed with exit code " + exit + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    public static String run(String... command) {
        return run(List.of(command), "");
    }

    /** True when {@code name} is an executable on the PATH (or in the sbin folders root has). */
    public static boolean onPath(String name) {
        return locate(name) != null;
    }

    /** The executable's path, or null when it is on none of the PATH, /usr/sbin and /sbin. */
    public static Path locate(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/sbin:/sbin";
        for (String folder : path.split(":")) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
