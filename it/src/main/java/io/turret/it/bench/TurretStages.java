package io.turret.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where {@code turret:release}'s wall time went, from the timestamps of Maven's log lines. A line
 * belongs to a stage by what it says; lines that name no stage (Maven's banner, the release's
 * table) are passed over. Turret overlaps its stages (a service is assembled while another
 * builder still runs; the test environment comes down during the push), so a stage has no clean
 * start and end: each stretch between two consecutive lines goes to the stage of the later line,
 * and the stretch after the last line to "Maven end". The stages add up to the wall time.
 */
final class TurretStages {
    /** What the numbers mean, for the reader of results.md. */
    static final String MEANING = "Each stretch of time between two consecutive lines of Turret's log counts for the stage "
            + "that wrote the later line (the time before the first line for Maven start, after the last for Maven end), "
            + "so a release's stages add up to its wall time. Turret overlaps stages (a service is assembled while another "
            + "builder still runs; the test environment comes down during the push): a stage's number is the time the "
            + "release waited for that stage's next line, not how long its work ran beside the others. The registry check "
            + "includes Maven loading the plugin. The medians of a row need not add up to the median wall time.";

    private static final Pattern STAMPED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[\\w+] (.*)$");

    /** The stages in the order of a release. */
    private enum Stage {
        MAVEN_START("Maven start", "^(Scanning for projects|--- turret-maven-plugin:.*:release )"),
        REGISTRY_CHECK("registry check", "^Registry "),
        /**
         * The sample's builders, with the platform after a dot when it releases several ({@code [go.linux-arm64]}); one
         * shares its name with a service, and their own output may say anything.
         */
        BUILDERS("builders", "^\\[(go|frontend)(\\.linux-\\w+)?] "),
        /** A service's image, with its platform when there are several ({@code [api linux/arm64]}). */
        ASSEMBLY("assembly and load", "^\\[[\\w-]+( linux/\\w+)?] (assembled|reused \\S+\\.tar) "),
        ENVIRONMENT_UP("environment up", "^\\[[\\w-]+] up "),
        RUNNER("runner", "^(\\[go-integration] |Integration tests: )"),
        PUSH("environment down and push",
                "^(\\[[\\w-]+] (pushed|uploading|copied) |\\[[\\w-]+] \\S+ already points at (the index )?\\S+( of these images)?: nothing to push|Pushed \\d+ image)"),
        MAVEN_END("Maven end", "^BUILD (SUCCESS|FAILURE)");

        private final String title;
        private final Pattern line;

        Stage(String title, String line) {
            this.title = title;
            this.line = Pattern.compile(line);
        }

        /** The builders get a line only when no other stage claims it. */
        static Optional<Stage> of(String message) {
            return Stream.concat(Arrays.stream(values()).filter(stage -> stage != BUILDERS), Stream.of(BUILDERS))
                    .filter(stage -> stage.line.matcher(message).find()).findFirst();
        }
    }

    /** The stages' names, in the order of a release. */
    static final List<String> NAMES = Arrays.stream(Stage.values()).map(stage -> stage.title).toList();

    private TurretStages() {
    }

    static Map<String, Double> of(Path log, Instant started, Instant ended) {
        try {
            return of(Files.readAllLines(log, StandardCharsets.UTF_8), started, ended);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * Seconds per stage, in the order of a release; a stage with no line is left out. The log's
     * times are the local time of day, as Maven writes them on this machine.
     */
    static Map<String, Double> of(List<String> lines, Instant started, Instant ended) {
        double start = secondsOfDay(started);
        double previous = start;
        Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
        for (String line : lines) {
            Matcher stamped = STAMPED.matcher(line.replaceAll("\u001B\\[[;\\d]*m", ""));
            Optional<Stage> stage = stamped.matches() ? Stage.of(stamped.group(2)) : Optional.empty();
            if (stage.isEmpty()) {
                continue;
            }
            double time = LocalTime.parse(stamped.group(1)).toNanoOfDay() / 1e9;
            while (time < previous - 1) {
                time += 86400; // past midnight
            }
            time = Math.max(time, previous); // a line stamped a little before the one above it
            seconds.merge(stage.get(), time - previous, Double::sum);
            previous = time;
        }
        if (seconds.isEmpty()) {
            return Map.of();
        }
        double end = start + Duration.between(started, ended).toNanos() / 1e9;
        seconds.merge(Stage.MAVEN_END, Math.max(0, end - previous), Double::sum);
        Map<String, Double> stages = new LinkedHashMap<>();
        seconds.forEach((stage, time) -> stages.put(stage.title, time));
        return stages;
    }

    private static double secondsOfDay(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneId.systemDefault()).toNanoOfDay() / 1e9;
    }
}
