package io.turret.platform;

import io.turret.oci.Platform;
import java.util.Map;
import java.util.Optional;

/** qemu-user-static's names for architectures, and the one fix for a platform this engine does not emulate. */
public final class Qemu {
    /** OCI's architecture → QEMU's, whose binfmt_misc entry is {@code qemu-NAME}. */
    private static final Map<String, String> ARCHITECTURES = Map.ofEntries(
            Map.entry("amd64", "x86_64"), Map.entry("386", "i386"), Map.entry("arm64", "aarch64"), Map.entry("arm", "arm"),
            Map.entry("ppc64le", "ppc64le"), Map.entry("ppc64", "ppc64"), Map.entry("s390x", "s390x"),
            Map.entry("riscv64", "riscv64"), Map.entry("mips64le", "mips64el"), Map.entry("mips64", "mips64"),
            Map.entry("mipsle", "mipsel"), Map.entry("mips", "mips"), Map.entry("loong64", "loongarch64"));

    private Qemu() {
    }

    /** QEMU's name of the platform's architecture ({@code aarch64} for arm64); empty for one QEMU does not emulate. */
    public static Optional<String> architecture(Platform platform) {
        return "linux".equals(platform.os()) ? Optional.ofNullable(ARCHITECTURES.get(platform.architecture()))
                : Optional.empty();
    }

    /** The binfmt_misc entry that emulates the platform: {@code qemu-aarch64}. */
    public static Optional<String> entry(Platform platform) {
        return architecture(platform).map(name -> "qemu-" + name);
    }

    /** What to install and run, as root on the engine's machine, for the engine to run the platform's images: one sentence. */
    public static String install(Platform platform) {
        return entry(platform).map(entry -> "install qemu-user-static and register " + entry + " with binfmt_misc, as root on"
                + " the Docker engine's machine: apt-get install qemu-user-static binfmt-support && update-binfmts --enable "
                + entry + " (docs/platforms.md, Emulated testing)")
                .orElse("QEMU does not emulate " + platform + ": release on an engine of that platform");
    }
}
