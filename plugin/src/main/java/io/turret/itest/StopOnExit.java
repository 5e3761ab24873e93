package io.turret.itest;

import java.nio.file.Path;

/**
 * The shutdown hook that removes a test environment should the JVM end (Ctrl-C, SIGTERM) before the
 * environment is down or handed over; cancelled once it is either.
 */
public final class StopOnExit {
    private final Thread hook;

    private StopOnExit(Thread hook) {
        this.hook = hook;
    }

    /** Removes the environment {@code stateFile} names, if any, when the JVM ends. */
    static StopOnExit register(TestEnvironment environments, Path stateFile, Path logs) {
        return registered(new Thread(() -> RunningEnvironment.load(stateFile)
                .ifPresent(environment -> environments.remove(environment, stateFile, logs)), "turret-stop-environment"));
    }

    /** {@code hook}, run when the JVM ends. */
    static StopOnExit registered(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnExit(hook);
    }

    public void cancel() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the environment
        }
    }
}
