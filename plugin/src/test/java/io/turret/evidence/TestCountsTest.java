package io.turret.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCountsTest {
    @TempDir
    Path folder;

    @Test
    void sumsEverySuiteOfEveryRunnersReports() throws Exception {
        Path go = Files.createDirectories(folder.resolve("it-go/nested"));
        Files.writeString(go.resolve("TEST-a.xml"), "<?xml version=\"1.0\"?>\n<testsuites tests=\"99\">"
                + "<testsuite name=\"a\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"2\"></testsuite>"
                + "<testsuite name=\"b\" tests=\"3\"></testsuite></testsuites>");
        Path smoke = Files.createDirectories(folder.resolve("it-smoke"));
        Files.writeString(smoke.resolve("report.xml"), "<testsuite errors=\"0\" tests=\"4\" skipped=\"1\" failures=\"0\"/>");
        Files.writeString(smoke.resolve("notes.txt"), "<testsuite tests=\"100\">");

        assertEquals(Optional.of(new TestCounts(12, 2, 3)), TestCounts.of(List.of(folder.resolve("it-go"), smoke)));
    }

    @Test
    void noReportsAreUnknownNotZero() {
        assertEquals(Optional.empty(), TestCounts.of(List.of(folder.resolve("it-none"))));
    }
}
