package io.turret.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The process a run belongs to: the host it runs on, its process id, and when that process started
 * (so that a process id reused by another process is not taken for the run).
 *
 * @param started the process's start in epoch milliseconds; 0 when the platform does not tell
 */
public record Owner(String host, long pid, long started) {
    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    /** This JVM: Maven's process. */
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(hostName(), self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The kernel's host name (no DNS lookup), else Java's idea of it. */
    private static String hostName() {
        try {
            String name = Files.readString(KERNEL_HOST_NAME).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException notLinux) {
            // below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public boolean onHost(String otherHost) {
        return host.equals(otherHost);
    }

    @Override
    public String toString() {
        return "process " + pid + " on " + host;
    }
}
