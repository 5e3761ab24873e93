package io.turret.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitReportTest {
    @TempDir
    Path reports;

    @Test
    void writesSurefiresFormWithTheFailureAndTheLog() throws Exception {
        Path file = JUnitReport.write(reports, "build-go", Instant.parse("2026-11-24T10:00:00Z"), List.of(
                JUnitReport.TestCase.failed("turret.build", "go", Duration.ofMillis(1500), "exit code 1", "FAIL x_test.go <&>")),
                "line 1\n\u001b[31mred\u001b[0m ]]> end\n");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = xml.getDocumentElement();
        assertEquals("TEST-build-go.xml", file.getFileName().toString());
        assertEquals("testsuite", suite.getTagName());
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1.500", suite.getAttribute("time"));
        Element testCase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("turret.build", testCase.getAttribute("classname"));
        assertEquals("go", testCase.getAttribute("name"));
        Element failure = (Element) testCase.getElementsByTagName("failure").item(0);
        assertEquals("exit code 1", failure.getAttribute("message"));
        assertEquals("FAIL x_test.go <&>", failure.getTextContent());
        assertEquals("line 1\n\uFFFD[31mred\uFFFD[0m ]]> end\n", suite.getElementsByTagName("system-out").item(0).getTextContent());
    }

    @Test
    void aPassingCaseHasNoFailure() throws Exception {
        Path file = JUnitReport.write(reports, "build-py", Instant.now(),
                List.of(JUnitReport.TestCase.passed("turret.build", "py", Duration.ofSeconds(2))), "ok\n");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("0", xml.getDocumentElement().getAttribute("failures"));
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
    }
}
