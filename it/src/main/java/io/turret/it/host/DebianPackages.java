package io.turret.it.host;

import java.util.List;
import java.util.Map;

/**
 * Installs the Debian packages the stack runs on when their commands are missing. A developer's
 * machine that already has them is left alone; only root can install, anyone else is told how.
 */
public final class DebianPackages {
    /** Command that must be on the machine → the Debian package that provides it. */
    public static final Map<String, String> STACK = Map.ofEntries(
            Map.entry("dockerd", "docker.io"),
            Map.entry("docker-registry", "docker-registry"),
            Map.entry("nginx", "nginx"),
            Map.entry("htpasswd", "apache2-utils"),
            Map.entry("openssl", "openssl"),
            Map.entry("debootstrap", "debootstrap"),
            Map.entry("skopeo", "skopeo"),
            Map.entry("tinyproxy", "tinyproxy"),
            Map.entry("curl", "curl"),
            Map.entry("systemd-analyze", "systemd"),
            Map.entry("qemu-aarch64-static", "qemu-user-static"),
            Map.entry("update-binfmts", "binfmt-support"));

    /** Several test runs on one machine may install at once: wait for apt's lock rather than fail. */
    private static final String LOCK_TIMEOUT = "DPkg::Lock::Timeout=300";

    private static boolean updated;

    private DebianPackages() {
    }

    /** Makes sure every given command exists, installing its package with apt-get when it does not. */
    public static synchronized void ensureCommands(List<String> commands) {
        install(commands.stream()
                .filter(command -> !Commands.onPath(command))
                .map(command -> STACK.getOrDefault(command, command))
                .distinct()
                .sorted()
                .toList());
    }

    /** Makes sure the Debian packages are installed (a library, say, which no command shows), installing those that are not. */
    public static synchronized void ensureInstalled(List<String> packages) {
        install(packages.stream().filter(name -> !installed(name)).sorted().toList());
    }

    private static boolean installed(String name) {
        try {
            Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", name).redirectErrorStream(true).start();
            String status = new String(query.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return query.waitFor() == 0 && status.contains("install ok installed");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void install(List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("The test stack needs the Debian packages " + missing
                    + ". Install them with: sudo apt-get install -y " + String.join(" ", missing));
        }
        if (!updated) {
            Commands.run("apt-get", "-o", LOCK_TIMEOUT, "update", "-q");
            updated = true;
        }
        var command = new java.util.ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive",
                "apt-get", "-o", LOCK_TIMEOUT, "install", "-y", "-q"));
        command.addAll(missing);
        Commands.run(command, "");
    }
}
