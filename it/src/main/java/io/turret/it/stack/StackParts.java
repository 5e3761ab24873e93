package io.turret.it.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a stack started, stopped in reverse order when it closes or the JVM ends (Ctrl-C), and
 * the CA certificates it wrote for the Docker engine, removed then.
 */
final class StackParts implements AutoCloseable {
    private static final Path DOCKER_CERTS = Path.of("/etc/docker/certs.d");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Path> dockerTrust = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "turret-stack-shutdown");

    StackParts() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new folder name under {@code parent}: {@code prefix}, the time, and a random part. */
    static Path newFolder(Path parent, String prefix) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return parent.toAbsolutePath().resolve(prefix + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + HexFormat.of().formatHex(random));
    }

    /** Remembers {@code part} to stop it, before what was started earlier. */
    synchronized <T extends AutoCloseable> T add(T part) {
        started.add(0, part);
        return part;
    }

    /**
     * Lets the local Docker engine verify {@code address} ({@code 127.0.0.1:PORT}) as the docker
     * CLI does, when we may write there; false when we may not.
     */
    synchronized boolean trustInDocker(String address, Path caCertificate) {
        Path folder = DOCKER_CERTS.resolve(address);
        try {
            Files.createDirectories(folder);
            Files.copy(caCertificate, folder.resolve("ca.crt"));
            dockerTrust.add(folder);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }

    private synchronized void stopAll() {
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + part + ": " + e.getMessage());
            }
        }
        started.clear();
        for (Path folder : dockerTrust) {
            try {
                Files.deleteIfExists(folder.resolve("ca.crt"));
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                System.err.println("Could not remove " + folder + ": " + e.getMessage());
            }
        }
        dockerTrust.clear();
    }
}
