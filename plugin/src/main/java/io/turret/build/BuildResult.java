package io.turret.build;

import java.time.Duration;
import java.util.List;

/**
 * How one builder ended: its script's exit code (0 passed), the tail of its log for messages,
 * and the output files it handed back.
 */
public record BuildResult(String builder, int exitCode, Duration time, List<String> logTail, String log, List<String> outputs) {

    public BuildResult {
        logTail = List.copyOf(logTail);
        outputs = List.copyOf(outputs);
    }

    public boolean passed() {
        return exitCode == 0;
    }

    /** The failure, as the user reads it: the builder, the exit code and the last lines of its log. */
    public String failureMessage() {
        return "builder '" + builder + "' failed: its script exited with code " + exitCode + ". The last "
                + logTail.size() + " lines of its log:\n" + String.join("\n", logTail);
    }
}
