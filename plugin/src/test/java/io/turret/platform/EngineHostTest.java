package io.turret.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.oci.Platform;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whose binfmt_misc tells what an engine emulates: this machine's only when the engine is on its kernel. */
class EngineHostTest {
    private static final Platform ARM64 = Platform.of("linux", "arm64");
    private static final URI SOCKET = URI.create("unix:///var/run/docker.sock");

    @TempDir
    Path binfmt;

    @Test
    void anEngineOnThisKernelIsProbedThroughThisMachinesBinfmtMisc() throws IOException {
        Files.writeString(binfmt.resolve("status"), "enabled\n");
        Files.writeString(binfmt.resolve("qemu-aarch64"), "enabled\nflags: PF\n");

        EmulationCheck check = new EngineHost(SOCKET, "6.1.0-18-amd64").emulation("Linux", "6.1.0-18-amd64", binfmt).check(ARM64);

        assertEquals(EmulationCheck.Status.RUNS, check.status());
    }

    @Test
    void anEngineOnThisKernelWithoutQemuCannot() {
        EmulationCheck check = new EngineHost(SOCKET, "6.1.0-18-amd64").emulation("Linux", "6.1.0-18-amd64", binfmt).check(ARM64);

        assertEquals(EmulationCheck.Status.CANNOT, check.status());
    }

    @Test
    void aRemoteEngineIsLeftToTheTests() {
        EmulationCheck check = new EngineHost(URI.create("tcp://build-arm.internal:2376"), "6.1.0-18-amd64")
                .emulation("Linux", "6.1.0-18-amd64", binfmt).check(ARM64);

        assertEquals(EmulationCheck.unseen("the Docker engine at tcp://build-arm.internal:2376 is not on this machine, so"
                + " Turret cannot see its binfmt_misc"), check);
        assertTrue(check.testable());
    }

    @Test
    void anEngineInAVirtualMachineBehindALocalSocketIsLeftToTheTests() {
        EmulationCheck check = new EngineHost(URI.create("unix:///Users/me/.docker/run/docker.sock"), "6.10.14-linuxkit")
                .emulation("Mac OS X", "14.5", binfmt).check(ARM64);

        assertEquals(EmulationCheck.Status.UNSEEN, check.status());
        assertTrue(check.detail().contains("(6.10.14-linuxkit) than this machine (Mac OS X 14.5)"), check.detail());
    }
}
