package io.turret.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turret.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** binfmt_misc as the kernel shows it, written into a folder: what each state of it means for arm64. */
class BinfmtMiscTest {
    private static final Platform ARM64 = Platform.of("linux", "arm64");
    private static final String FIX = "install qemu-user-static and register qemu-aarch64 with binfmt_misc, as root on the"
            + " Docker engine's machine: apt-get install qemu-user-static binfmt-support && update-binfmts --enable qemu-aarch64"
            + " (docs/platforms.md, Emulated testing)";

    @TempDir
    Path root;

    private void mounted() throws IOException {
        Files.writeString(root.resolve("status"), "enabled\n");
        Files.writeString(root.resolve("register"), "");
    }

    private void entry(String name, String state, String flags) throws IOException {
        Files.writeString(root.resolve(name), state + "\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: " + flags
                + "\noffset 0\nmagic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
    }

    private EmulationCheck check() {
        return new BinfmtMisc(root).check(ARM64);
    }

    @Test
    void anEnabledQemuEntryWithTheFFlagRuns() throws IOException {
        mounted();
        entry("qemu-aarch64", "enabled", "PF");

        assertEquals(EmulationCheck.runs("qemu-aarch64 registered with binfmt_misc (flags PF)"), check());
    }

    @Test
    void notMountedSaysHowToMountAndWhatToInstall() {
        assertEquals(EmulationCheck.cannot("binfmt_misc is not mounted at " + root + "; mount it (mount -t binfmt_misc"
                + " binfmt_misc " + root + "), then " + FIX), check());
    }

    @Test
    void noEntryForTheArchitectureSaysWhatToInstall() throws IOException {
        mounted();
        entry("qemu-arm", "enabled", "PF");

        assertEquals(EmulationCheck.cannot("binfmt_misc has no qemu-aarch64 entry; " + FIX), check());
    }

    @Test
    void aDisabledEntryDoesNotRun() throws IOException {
        mounted();
        entry("qemu-aarch64", "disabled", "PF");

        assertEquals(EmulationCheck.cannot("the binfmt_misc entry qemu-aarch64 is disabled; " + FIX), check());
    }

    @Test
    void binfmtMiscDisabledAsAWholeDoesNotRun() throws IOException {
        mounted();
        Files.writeString(root.resolve("status"), "disabled\n");
        entry("qemu-aarch64", "enabled", "PF");

        assertEquals(EmulationCheck.Status.CANNOT, check().status());
        assertEquals("binfmt_misc is disabled (" + root.resolve("status") + "); enable it (echo 1 > " + root.resolve("status")
                + "), and " + FIX, check().detail());
    }

    @Test
    void anEntryWithoutTheFFlagCannotRunInsideContainers() throws IOException {
        mounted();
        entry("qemu-aarch64", "enabled", "P");

        assertEquals(EmulationCheck.cannot("the binfmt_misc entry qemu-aarch64 lacks the F flag (it has 'P'), so its"
                + " interpreter is not found inside containers; use qemu-user-static's entry, which has it: " + FIX), check());
    }

    @Test
    void anArchitectureQemuDoesNotEmulateSaysSo() throws IOException {
        mounted();

        assertEquals(EmulationCheck.cannot("QEMU does not emulate windows/amd64: release on an engine of that platform"),
                new BinfmtMisc(root).check(Platform.of("windows", "amd64")));
    }

    @Test
    void eachArchitectureHasQemusName() {
        assertEquals("qemu-aarch64", Qemu.entry(ARM64).orElseThrow());
        assertEquals("qemu-arm", Qemu.entry(Platform.parse("linux/arm/v7")).orElseThrow());
        assertEquals("qemu-x86_64", Qemu.entry(Platform.of("linux", "amd64")).orElseThrow());
        assertEquals("qemu-mips64el", Qemu.entry(Platform.of("linux", "mips64le")).orElseThrow());
    }
}
