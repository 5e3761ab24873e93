package io.turret.build;

import io.turret.report.JUnitReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        return failureMessage("builder");
    }

    /** @param element what the script is: {@code builder}, {@code runner} */
    public String failureMessage(String element) {
        return element + " '" + builder + "' failed: its script exited with code " + exitCode + ". The last "
                + logTail.size() + " lines of its log:\n" + String.join("\n", logTail);
    }

    /**
     * Writes {@code reports/TEST-KIND-NAME.xml}: one test case for the script, its log as system-out.
     *
     * @param kind {@code build} for a builder, {@code it} for a test runner
     */
    public void writeReport(Path reports, String kind, Instant started) {
        JUnitReport.TestCase testCase = passed()
                ? JUnitReport.TestCase.passed("turret." + kind, builder, time)
                : JUnitReport.TestCase.failed("turret." + kind, builder, time, "exit code " + exitCode, String.join("\n", logTail));
        JUnitReport.write(reports, kind + "-" + builder, started, List.of(testCase), log);
    }
}
