package io.turret.platform;

import io.turret.oci.Platform;

/**
 * Whether the Docker engine runs images of a platform other than its own, under emulation. For an
 * engine on this machine's kernel that is binfmt_misc ({@link BinfmtMisc}); a remote engine's kernel
 * cannot be seen from here ({@link #unseen}).
 */
@FunctionalInterface
public interface EmulationProbe {
    /** No emulation: a platform other than the engine's cannot be tested; what an engine that says nothing gets. */
    EmulationProbe NONE = platform -> EmulationCheck.cannot("release on an engine of that platform");

    /** What the engine does with images of {@code platform}, which is not its own. */
    EmulationCheck check(Platform platform);

    /** A probe for an engine whose kernel is not this machine's: every platform is left to the tests, saying {@code why}. */
    static EmulationProbe unseen(String why) {
        return platform -> EmulationCheck.unseen(why);
    }
}
