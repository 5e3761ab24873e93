package io.turret.builder;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.report.Log;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A container's output as it arrives: into the Maven log, prefixed with the builder's name, into
 * its log file, and kept (the tail for messages, the whole up to a bound for the report).
 */
final class LogCapture implements Consumer<String>, AutoCloseable {
    static final int TAIL_LINES = 30;
    private static final int MAX_KEPT_CHARS = 4 * 1024 * 1024;

    private final String prefix;
    private final Log log;
    private final BufferedWriter file;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder kept = new StringBuilder();

    LogCapture(String name, Log log, Path logFile) {
        this.prefix = "[" + name + "] ";
        this.log = log;
        try {
            Files.createDirectories(logFile.getParent());
            this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentFailure("Cannot write the log " + logFile + ": " + Causes.describe(e), e);
        }
    }

    @Override
    public synchronized void accept(String line) {
        log.info(prefix + line);
        try {
            file.write(line);
            file.newLine();
        } catch (IOException e) {
            throw new EnvironmentFailure("Cannot write a build log: " + Causes.describe(e), e);
        }
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        if (kept.length() < MAX_KEPT_CHARS) {
            kept.append(line).append('\n');
        }
    }

    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    synchronized String text() {
        return kept.length() < MAX_KEPT_CHARS ? kept.toString() : kept + "[log cut at " + MAX_KEPT_CHARS + " characters]\n";
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new EnvironmentFailure("Cannot close a build log: " + Causes.describe(e), e);
        }
    }
}
