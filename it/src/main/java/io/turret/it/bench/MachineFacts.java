package io.turret.it.bench;

import io.turret.it.host.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The machine a benchmark ran on: what results.md names beside the numbers. */
final class MachineFacts {
    private MachineFacts() {
    }

    /** Lines "fact: value"; the load averages are taken when this is called. */
    static List<String> describe() {
        List<String> facts = new ArrayList<>();
        facts.add("date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        facts.add("cores: " + Runtime.getRuntime().availableProcessors() + " (" + firstValue("/proc/cpuinfo", "model name") + ")");
        facts.add("memory: " + memory());
        facts.add("kernel: " + read("/proc/sys/kernel/osrelease"));
        facts.add("Docker: " + docker());
        facts.add("JDK: " + System.getProperty("java.version") + "; Maven: " + maven());
        facts.add("load average at the start (1, 5, 15 min): " + loadAverage());
        return facts;
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split(" ");
        return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String memory() {
        try {
            long kib = Long.parseLong(firstValue("/proc/meminfo", "MemTotal").replace("kB", "").strip());
            return "%.1f GiB".formatted(kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static String docker() {
        try {
            return Commands.run("docker", "version", "--format", "engine {{.Server.Version}}, client {{.Client.Version}}").strip();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String maven() {
        try {
            String mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString();
            return Commands.run(mvn, "-v").lines().findFirst().orElse("unknown").replaceAll("\u001B\\[[;\\d]*m", "")
                    .replaceAll("\\s*\\(.*", "");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstValue(String file, String key) {
        return read(file).lines().filter(line -> line.startsWith(key)).map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
