package io.turret.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The peak resident memory of a process and its descendants, sampled ten times a second from
 * /proc (the Docker engine's memory is not theirs, and is not counted).
 */
final class PeakMemory implements AutoCloseable {
    private final ProcessHandle root;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    private PeakMemory(ProcessHandle root) {
        this.root = root;
        this.sampler = new Thread(this::sample, "bench-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeakMemory of(Process process) {
        return new PeakMemory(process.toHandle());
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted() && root.isAlive()) {
            long total = Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> status(p.pid(), "VmRSS:")).sum();
            long rootPeak = status(root.pid(), "VmHWM:");
            peak.accumulateAndGet(Math.max(total, rootPeak), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A field of /proc/PID/status in bytes; 0 once the process is gone. */
    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
