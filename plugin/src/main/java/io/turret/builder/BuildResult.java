package io.turret.builder;

import io.turret.report.JUnitReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one builder ended: its script's exit code (0 passed), the tail of its log for messages,
 * and the output files it handed back.
 *
 * @param stoppedAt the timeout at which the script was stopped, still running; empty when it ended by itself
 */
public record BuildResult(String builder, int exitCode, Duration time, List<String> logTail, String log, List<String> outputs,
        Optional<Duration> stoppedAt) {

    public BuildResult {
        logTail = List.copyOf(logTail);
        outputs = List.copyOf(outputs);
    }

    /** A script that ended by itself. */
    public BuildResult(String builder, int exitCode, Duration time, List<String> logTail, String log, List<String> outputs) {
        this(builder, exitCode, time, logTail, log, outputs, Optional.empty());
    }

    /** A script stopped at its {@code timeout}, with no outputs. */
    public static BuildResult timedOut(String builder, Duration timeout, Duration time, List<String> logTail, String log) {
        return new BuildResult(builder, -1, time, logTail, log, List.of(), Optional.of(timeout));
    }

    public boolean passed() {
        return exitCode == 0 && stoppedAt.isEmpty();
    }

    /** The failure, as the user reads it: the builder, the exit code and the last lines of its log. */
    public String failureMessage() {
        return failureMessage("builder");
    }

    /** @param element what the script is: {@code builder}, {@code runner} */
    public String failureMessage(String element) {
        return element + " '" + builder + "' failed: " + verdict() + ". The last " + logTail.size() + " lines of its log:\n"
                + String.join("\n", logTail);
    }

    private String verdict() {
        return stoppedAt.map(timeout -> "its script was still running after its <timeout> of " + timeout.toSeconds()
                + " s and was stopped; find what hangs (a prompt waiting for input, a server left in the foreground) or raise"
                + " <timeout>").orElse("its script exited with code " + exitCode);
    }

    /**
     * Writes {@code reports/TEST-KIND-NAME.xml}: one test case for the script, its log as system-out.
     *
     * @param kind {@code build} for a builder, {@code it} for a test runner
     */
    public void writeReport(Path reports, String kind, Instant started) {
        JUnitReport.TestCase testCase = passed()
                ? JUnitReport.TestCase.passed("turret." + kind, builder, time)
                : JUnitReport.TestCase.failed("turret." + kind, builder, time, stoppedAt.map(timeout -> "stopped after its timeout of "
                        + timeout.toSeconds() + " s").orElse("exit code " + exitCode), String.join("\n", logTail));
        JUnitReport.write(reports, kind + "-" + builder, started, List.of(testCase), log);
    }
}
