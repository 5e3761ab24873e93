package io.turret.report;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Surefire's JUnit XML ({@code TEST-NAME.xml}), the form Jenkins' junit step reads: one suite of
 * test cases, each passed or failed, with the log as system-out.
 */
public final class JUnitReport {
    /** One test case: a failure message and details when it failed, null when it passed. */
    public record TestCase(String className, String name, Duration time, String failureMessage, String failureDetails) {
        public static TestCase passed(String className, String name, Duration time) {
            return new TestCase(className, name, time, null, null);
        }

        public static TestCase failed(String className, String name, Duration time, String message, String details) {
            return new TestCase(className, name, time, message, details);
        }

        public boolean hasFailed() {
            return failureMessage != null;
        }
    }

    private JUnitReport() {
    }

    /** Writes {@code reports/TEST-<suite>.xml} and returns its path. */
    public static Path write(Path reports, String suite, Instant started, List<TestCase> cases, String systemOut) {
        Path file = reports.resolve("TEST-" + suite + ".xml");
        try {
            Files.createDirectories(reports);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite);
                xml.writeAttribute("tests", Integer.toString(cases.size()));
                xml.writeAttribute("failures", Long.toString(cases.stream().filter(TestCase::hasFailed).count()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                xml.writeAttribute("time", seconds(cases.stream().map(TestCase::time).reduce(Duration.ZERO, Duration::plus)));
                xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                        .format(started.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
                for (TestCase testCase : cases) {
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", testCase.className());
                    xml.writeAttribute("name", testCase.name());
                    xml.writeAttribute("time", seconds(testCase.time()));
                    if (testCase.hasFailed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", xmlSafe(testCase.failureMessage()));
                        xml.writeAttribute("type", "failure");
                        xml.writeCharacters(xmlSafe(testCase.failureDetails()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n  ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(xmlSafe(systemOut));
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            }
            return file;
        } catch (IOException | XMLStreamException e) {
            throw new EnvironmentFailure("Cannot write the report " + file + ": " + Causes.describe(e), e);
        }
    }

    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.3f", time.toMillis() / 1000.0);
    }

    /** Logs carry escape sequences and other characters XML 1.0 cannot hold; they become U+FFFD. */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            safe.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return safe.toString();
    }
}
