package io.turret.it.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes sure this machine's kernel runs arm64 programs under emulation, for the Docker engine on it:
 * qemu-user-static registered with binfmt_misc, with the F flag (the kernel opens the interpreter when
 * it is registered, so it works inside containers). A machine that has it is left alone; root installs
 * qemu-user-static and binfmt-support when missing, mounts binfmt_misc when it is not, and enables
 * qemu-aarch64; anyone else is told how. The registration is the kernel's: it stays until a reboot.
 */
public final class Emulation {
    public static final Path BINFMT_MISC = Path.of("/proc/sys/fs/binfmt_misc");
    private static final String ENTRY = "qemu-aarch64";

    private Emulation() {
    }

    /** True when the kernel runs aarch64 programs through qemu, in containers too: the entry is enabled with the F flag. */
    public static boolean arm64() {
        Path entry = BINFMT_MISC.resolve(ENTRY);
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(entry);
            return lines.contains("enabled") && lines.stream().anyMatch(line -> line.startsWith("flags:") && line.contains("F"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets arm64 emulation up when it is not, as described above; fails saying what to run when it cannot. */
    public static synchronized void ensureArm64() {
        if (arm64()) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("arm64 images are tested under emulation, which this machine lacks; as root run:"
                    + " apt-get install -y qemu-user-static binfmt-support && update-binfmts --enable " + ENTRY
                    + " (mount -t binfmt_misc binfmt_misc " + BINFMT_MISC + " first if it is not mounted).");
        }
        System.out.println("[emulation] registering " + ENTRY + " with binfmt_misc (qemu-user-static), once per boot");
        if (!Files.isRegularFile(BINFMT_MISC.resolve("status"))) {
            Commands.run("mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT_MISC.toString());
        }
        DebianPackages.ensureCommands(List.of("update-binfmts", "qemu-aarch64-static"));
        if (!arm64()) {
            try {
                Commands.run("update-binfmts", "--enable", ENTRY);
            } catch (IllegalStateException e) {
                register();
            }
        }
        if (!arm64()) {
            throw new IllegalStateException("qemu-aarch64 is still not registered with binfmt_misc with the F flag; see "
                    + BINFMT_MISC.resolve(ENTRY) + " and run update-binfmts --display " + ENTRY);
        }
    }

    /** Without binfmt-support's database: qemu-user-static's line for systemd-binfmt, written to the kernel as it is. */
    private static void register() {
        Path line = Path.of("/usr/lib/binfmt.d/" + ENTRY + ".conf");
        try {
            String registration = Files.readAllLines(line).stream().filter(text -> text.startsWith(":")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(line + " has no registration line"));
            Files.writeString(BINFMT_MISC.resolve("register"), registration);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot register " + ENTRY + " from " + line + ": " + e.getMessage(), e);
        }
    }
}
