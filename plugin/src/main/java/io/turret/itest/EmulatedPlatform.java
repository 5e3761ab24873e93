package io.turret.itest;

import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Platform;
import io.turret.platform.PlatformChoice;
import io.turret.platform.Qemu;
import java.util.Locale;
import java.util.Objects;

/**
 * The platform a test environment's services run as when it is not the engine's own: under emulation.
 * A container whose programs the engine cannot run fails with the kernel's "exec format error"
 * (when it starts, or in its log as it exits); that is told as the one missing piece and its fix.
 */
record EmulatedPlatform(Platform platform, Platform engine) {
    static final String EXEC_FORMAT_ERROR = "exec format error";

    EmulatedPlatform {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(engine, "engine");
    }

    /** {@code failure} of the test container {@code container}, or what it means when it is an "exec format error". */
    RuntimeException translate(String container, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(EXEC_FORMAT_ERROR)) {
                return new EnvironmentFailure(TestContainerSpec.where(container), "its " + platform + " image could not run"
                        + " on this Docker engine (" + engine + "), which does not emulate " + platform + " (" + EXEC_FORMAT_ERROR
                        + "): " + Qemu.install(platform) + ", or leave " + platform + " out of " + PlatformChoice.TESTED + ".",
                        failure);
            }
        }
        return failure;
    }
}
