package io.turret.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Docker engine runs, as far as emulation is concerned: the address Turret reaches it at and
 * the kernel it reports ({@code /info}'s KernelVersion). binfmt_misc belongs to a kernel, so this
 * machine's binfmt_misc tells what the engine emulates only when the engine is on this very kernel:
 * reached through a local socket, and reporting the kernel this JVM runs on. Otherwise (an engine
 * over TCP or SSH, Docker Desktop's virtual machine) it cannot be seen from here, and the first test
 * container of a foreign platform tells; an "exec format error" from it is translated into the fix.
 */
public record EngineHost(URI dockerHost, String kernel) {
    public EngineHost {
        Objects.requireNonNull(dockerHost, "dockerHost");
        kernel = kernel == null ? "" : kernel;
    }

    /** The probe for this engine, from this JVM's machine. */
    public EmulationProbe emulation() {
        return emulation(System.getProperty("os.name", ""), System.getProperty("os.version", ""), BinfmtMisc.DEFAULT);
    }

    /**
     * @param osName this machine's operating system ({@code os.name})
     * @param localKernel this machine's kernel release ({@code os.version}, on Linux what {@code uname -r} says)
     * @param binfmtMisc where this machine's binfmt_misc is mounted
     */
    EmulationProbe emulation(String osName, String localKernel, Path binfmtMisc) {
        if (!"unix".equals(dockerHost.getScheme())) {
            return EmulationProbe.unseen("the Docker engine at " + dockerHost + " is not on this machine, so Turret cannot see"
                    + " its binfmt_misc");
        }
        if (!"Linux".equals(osName) || !kernel.equals(localKernel)) {
            return EmulationProbe.unseen("the Docker engine runs on another kernel (" + (kernel.isEmpty() ? "unknown" : kernel)
                    + ") than this machine (" + osName + " " + localKernel + "), e.g. in Docker Desktop's virtual machine, so"
                    + " Turret cannot see its binfmt_misc");
        }
        return new BinfmtMisc(binfmtMisc);
    }
}
