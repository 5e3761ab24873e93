package io.turret.platform;

import io.turret.failure.Causes;
import io.turret.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The emulation of an engine on this machine's kernel, read from binfmt_misc: a platform runs when
 * its {@code qemu-ARCH} entry is enabled with the F flag. F makes the kernel open the interpreter when
 * the entry is registered, so it works inside a container's file system, where
 * {@code /usr/bin/qemu-aarch64-static} is not.
 */
public final class BinfmtMisc implements EmulationProbe {
    /** Where Linux mounts binfmt_misc. */
    public static final Path DEFAULT = Path.of("/proc/sys/fs/binfmt_misc");

    private final Path root;

    public BinfmtMisc(Path root) {
        this.root = root;
    }

    @Override
    public EmulationCheck check(Platform platform) {
        Optional<String> entry = Qemu.entry(platform);
        if (entry.isEmpty()) {
            return EmulationCheck.cannot(Qemu.install(platform));
        }
        String fix = Qemu.install(platform);
        Path status = root.resolve("status");
        if (!Files.isRegularFile(status)) {
            return EmulationCheck.cannot("binfmt_misc is not mounted at " + root + "; mount it (mount -t binfmt_misc binfmt_misc "
                    + root + "), then " + fix);
        }
        if (!read(status).contains("enabled")) {
            return EmulationCheck.cannot("binfmt_misc is disabled (" + status + "); enable it (echo 1 > " + status + "), and "
                    + fix);
        }
        Path registered = root.resolve(entry.get());
        if (!Files.isRegularFile(registered)) {
            return EmulationCheck.cannot("binfmt_misc has no " + entry.get() + " entry; " + fix);
        }
        List<String> lines = read(registered);
        if (!lines.contains("enabled")) {
            return EmulationCheck.cannot("the binfmt_misc entry " + entry.get() + " is disabled; " + fix);
        }
        String flags = lines.stream().filter(line -> line.startsWith("flags:")).findFirst()
                .map(line -> line.substring("flags:".length()).strip()).orElse("");
        if (!flags.contains("F")) {
            return EmulationCheck.cannot("the binfmt_misc entry " + entry.get() + " lacks the F flag (it has '" + flags + "'),"
                    + " so its interpreter is not found inside containers; use qemu-user-static's entry, which has it: " + fix);
        }
        return EmulationCheck.runs(entry.get() + " registered with binfmt_misc (flags " + flags + ")");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).toList();
        } catch (IOException e) {
            return List.of("unreadable: " + Causes.describe(e));
        }
    }
}
