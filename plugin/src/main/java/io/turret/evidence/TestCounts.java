package io.turret.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Tests run, failed (failures and errors) and skipped, summed over the JUnit XML reports the runners handed back. */
public record TestCounts(int run, int failed, int skipped) {
    private static final Pattern SUITE = Pattern.compile("<testsuite\\s([^>]*)>");

    /** The counts of every {@code <testsuite>} in the XML files under {@code folders}; empty when there is none. */
    public static Optional<TestCounts> of(List<Path> folders) {
        int run = 0;
        int failed = 0;
        int skipped = 0;
        boolean found = false;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".xml") && Files.isRegularFile(f)).toList()) {
                    Matcher suite = SUITE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (suite.find()) {
                        found = true;
                        run += attribute(suite.group(1), "tests");
                        failed += attribute(suite.group(1), "failures") + attribute(suite.group(1), "errors");
                        skipped += attribute(suite.group(1), "skipped");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // unknown, not wrong
            }
        }
        return found ? Optional.of(new TestCounts(run, failed, skipped)) : Optional.empty();
    }

    private static int attribute(String attributes, String name) {
        Matcher value = Pattern.compile("(?:^|\\s)" + name + "=\"(\\d+)\"").matcher(attributes);
        return value.find() ? Integer.parseInt(value.group(1)) : 0;
    }
}
