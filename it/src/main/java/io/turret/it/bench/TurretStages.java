package io.turret.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code turret:release}'s time went, from the timestamps of Maven's log lines. Each stage
 * is known by its lines (the sample's builder, service and runner names); it ends with its last
 * line and began where the stage before it ended. A stage with no line is left out (its time
 * goes to the next one). "Maven start" counts from the process start, before the first line;
 * "Maven end" runs to the process end, after the last line.
 */
final class TurretStages {
    private static final Pattern STAMPED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[\\w+] (.*)$");
    private static final List<Map.Entry<String, Pattern>> STAGES = List.of(
            Map.entry("Maven start", Pattern.compile("^--- turret-maven-plugin:.*:release ")),
            Map.entry("registry check", Pattern.compile("^Registry ")),
            Map.entry("builders", Pattern.compile("^\\[(go|frontend)] (?!up |assembled |pushed )")),
            Map.entry("assembly and load", Pattern.compile("^\\[\\w+] assembled ")),
            Map.entry("environment up", Pattern.compile("^\\[\\w+] up ")),
            Map.entry("runner", Pattern.compile("^\\[go-integration] ")),
            Map.entry("environment down and push", Pattern.compile("^(\\[\\w+] pushed |Pushed )")),
            Map.entry("Maven end", Pattern.compile("^BUILD (SUCCESS|FAILURE)")));

    private TurretStages() {
    }

    static Map<String, Double> of(Path log, Instant started, Instant ended) {
        try {
            return of(Files.readAllLines(log, StandardCharsets.UTF_8), started, ended);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The log's times are the local time of day, as Maven writes them on this machine. */
    static Map<String, Double> of(List<String> lines, Instant started, Instant ended) {
        double start = secondsOfDay(started);
        double previous = start;
        Map<String, Double> ends = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher stamped = STAMPED.matcher(line.replaceAll("\u001B\\[[;\\d]*m", ""));
            if (!stamped.matches()) {
                continue;
            }
            double time = LocalTime.parse(stamped.group(1)).toNanoOfDay() / 1e9;
            while (time < previous - 1) {
                time += 86400; // past midnight
            }
            previous = time;
            for (Map.Entry<String, Pattern> stage : STAGES) {
                if (stage.getValue().matcher(stamped.group(2)).find()) {
                    ends.put(stage.getKey(), time);
                    break;
                }
            }
        }
        if (ends.isEmpty()) {
            return Map.of();
        }
        ends.put("Maven end", start + Duration.between(started, ended).toNanos() / 1e9);
        Map<String, Double> stages = new LinkedHashMap<>();
        for (Map.Entry<String, Pattern> stage : STAGES) {
            Double end = ends.get(stage.getKey());
            if (end != null) {
                stages.put(stage.getKey(), Math.max(0, end - start));
                start = Math.max(start, end);
            }
        }
        return stages;
    }

    private static double secondsOfDay(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneId.systemDefault()).toNanoOfDay() / 1e9;
    }
}
