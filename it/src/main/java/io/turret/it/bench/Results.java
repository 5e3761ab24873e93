package io.turret.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** results.md (tables of medians and ratios, the machine) and ratios.png from the measurements. */
final class Results {
    private static final double MIB = 1024.0 * 1024.0;
    /** The cell of a contender that cannot release the scenario (see {@link Scenario#runsWith}). */
    static final String NOT_RUN = "not run";

    private Results() {
    }

    static Path write(BenchOptions options, List<String> machine, List<Measurement> measurements) throws IOException {
        Files.createDirectories(options.outputDirectory());
        Path file = options.outputDirectory().resolve("results.md");
        Files.writeString(file, markdown(options, machine, measurements));
        Files.writeString(options.outputDirectory().resolve("measurements.csv"), csv(measurements));
        try {
            RatioChart.write(options.outputDirectory().resolve("ratios.png"), ratios(options.scenarios(), measurements));
        } catch (RuntimeException | Error e) {
            Bench.say("No chart (" + e + "); results.md has the numbers.");
        }
        return file;
    }

    static String markdown(BenchOptions options, List<String> machine, List<Measurement> measurements) {
        Measurements measured = new Measurements(measurements);
        StringBuilder md = new StringBuilder("# Benchmark: ")
                .append(String.join(", ", options.contenders().stream().map(Contender::heading).toList())).append("\n\n");
        options.note().ifPresent(note -> md.append("> **").append(note).append("**\n\n"));
        md.append("""
                Made by the benchmark in `bench/` (README, "Benchmark"): %s, %d repetition(s), the contenders' order \
                rotated with each repetition. Each contender releases its own copy of `sample-project` into a registry \
                stack of its own (S3, the registry, nginx with TLS and basic auth, on loopback); a cold run starts a new \
                stack the engine never pushed to and removes the contender's images and build caches. The Maven \
                contenders run offline (`-o`).

                """.formatted(options.quick() ? "quick mode (the cold scenario once, build caches kept: a check of the harness)" : "scenarios " + options.scenarios(),
                options.repetitions()));
        options.turretBefore().ifPresent(repository -> md.append("""
                %s is the same lane as %s with the plugin of the build before the change, from the local \
                repository `%s`; Turret / before is the ratio of their medians. The goals are the build after the \
                change's.

                """.formatted(Contender.TURRET_BEFORE.title(), Contender.TURRET.title(), repository)));
        md.append(Goals.markdown(measured)).append("\n## Machine\n\n");
        machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
        md.append("- load average at the end: ").append(MachineFacts.loadAverage()).append('\n');

        md.append("\n## Wall time, seconds: median (min to max)\n\n");
        perContender(md, options, measured, ratioColumns(options), releases -> {
            List<Double> seconds = releases.stream().map(Measurement::seconds).toList();
            return "%.1f (%.1f to %.1f)".formatted(Measurements.median(seconds), seconds.stream().mapToDouble(d -> d).min().orElseThrow(),
                    seconds.stream().mapToDouble(d -> d).max().orElseThrow());
        });

        md.append("\n## Uploaded to the registry (medians; from the registry's log)\n\n"
                + "Blobs whose upload completed and their bytes, cross-repository mounts, manifest PUTs.\n\n");
        perContender(md, options, measured, List.of(), releases -> "%s blobs, %s, %s mounts, %s manifests".formatted(
                whole(median(releases, m -> m.uploads().blobs())), size(median(releases, m -> m.uploads().bytes())),
                whole(median(releases, m -> m.uploads().mounts())), whole(median(releases, m -> m.uploads().manifests()))));

        md.append("\n## Peak memory, MiB (highest of the repetitions)\n\n"
                + "Resident memory of the contender's processes, sampled ten times a second: Maven's JVM, or the script's "
                + "shell and docker CLI processes (the Docker engine's own memory is not counted).\n\n");
        perContender(md, options, measured, List.of(),
                releases -> Long.toString(releases.stream().mapToLong(Measurement::peakMemoryBytes).max().orElseThrow() >> 20));

        List<String> stages = TurretStages.NAMES.stream().filter(stage -> measurements.stream()
                .anyMatch(m -> m.contender() == Contender.TURRET && m.stages().containsKey(stage))).toList();
        md.append("\n## Turret's time per stage, seconds (medians; from the timestamps of its log lines)\n\n")
                .append(TurretStages.MEANING).append("\n\n| scenario |");
        stages.forEach(stage -> md.append(' ').append(stage).append(" |"));
        md.append("\n| --- |").append(" ---: |".repeat(stages.size())).append('\n');
        for (Scenario scenario : options.scenarios()) {
            md.append("| ").append(scenario.title()).append(" |");
            Map<String, Double> medians = measured.turretStages(scenario);
            for (String stage : stages) {
                md.append(medians.containsKey(stage) ? " %.1f |".formatted(medians.get(stage)) : " |");
            }
            md.append('\n');
        }

        List<Measurement> failed = measurements.stream().filter(m -> !m.succeeded()).toList();
        if (!failed.isEmpty()) {
            md.append("\n## Failed releases\n\n");
            failed.forEach(m -> md.append("- ").append(m.scenario().title()).append(", ").append(m.contender().title())
                    .append(", repetition ").append(m.repetition()).append(": `").append(m.log()).append("`\n"));
        }
        md.append("\n## Ratios against the script (medians)\n\n![Turret / script and fabric8 / script](ratios.png)\n\n"
                + "Every release measured: [measurements.csv](measurements.csv).\n");
        return md.toString();
    }

    /** Every release measured, one line each, for a closer look than the medians. */
    static String csv(List<Measurement> measurements) {
        StringBuilder csv = new StringBuilder(
                "contender,scenario,repetition,succeeded,seconds,blobs,bytes,mounts,manifests,peak_memory_bytes,turret_stages\n");
        for (Measurement m : measurements) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.3f,%d,%d,%d,%d,%d,\"%s\"\n", m.contender(), m.scenario(), m.repetition(),
                    m.succeeded(), m.seconds(), m.uploads().blobs(), m.uploads().bytes(), m.uploads().mounts(),
                    m.uploads().manifests(), m.peakMemoryBytes(), m.stages().entrySet().stream()
                            .map(stage -> String.format(Locale.ROOT, "%s=%.3f", stage.getKey(), stage.getValue())).toList()));
        }
        return csv.toString();
    }

    /** A column of the contender's median wall time over the other's. */
    private record Ratio(String title, Contender contender, Contender other) {
    }

    /** The wall time's ratios: to the script, and Turret to its build before the change where that ran. */
    private static List<Ratio> ratioColumns(BenchOptions options) {
        List<Ratio> columns = new ArrayList<>(List.of(new Ratio("Turret / script", Contender.TURRET, Contender.SCRIPT)));
        if (options.contenders().contains(Contender.FABRIC8)) {
            columns.add(new Ratio("fabric8 / script", Contender.FABRIC8, Contender.SCRIPT));
        }
        if (options.contenders().contains(Contender.TURRET_BEFORE)) {
            columns.add(new Ratio("Turret / before", Contender.TURRET, Contender.TURRET_BEFORE));
        }
        return columns;
    }

    /**
     * A table with a row per scenario and a column per contender ("failed" where none succeeded, "not run" where the
     * contender cannot release the scenario),
     * then a column per ratio of median wall times (empty where one failed).
     */
    private static void perContender(StringBuilder md, BenchOptions options, Measurements measured,
            List<Ratio> ratioColumns, Function<List<Measurement>, String> cell) {
        md.append("| scenario |");
        for (Contender contender : options.contenders()) {
            md.append(' ').append(contender.title()).append(" |");
        }
        ratioColumns.forEach(column -> md.append(' ').append(column.title()).append(" |"));
        md.append("\n| --- |").append(" ---: |".repeat(options.contenders().size() + ratioColumns.size())).append('\n');
        for (Scenario scenario : options.scenarios()) {
            md.append("| ").append(scenario.title()).append(" |");
            for (Contender contender : options.contenders()) {
                List<Measurement> releases = measured.succeeded(contender, scenario);
                md.append(' ').append(!scenario.runsWith(contender) ? NOT_RUN : releases.isEmpty() ? "failed" : cell.apply(releases))
                        .append(" |");
            }
            ratioColumns.forEach(column -> md.append(' ').append(measured.ratio(column.contender(), column.other(), scenario)
                    .map("%.2f"::formatted).orElse("")).append(" |"));
            md.append('\n');
        }
    }

    /** Per scenario, the median ratio of Turret's and fabric8's wall time to the script's (empty when one failed). */
    static Map<Scenario, double[]> ratios(List<Scenario> scenarios, List<Measurement> measurements) {
        Measurements measured = new Measurements(measurements);
        Map<Scenario, double[]> ratios = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            Optional<Double> turret = measured.ratioToScript(Contender.TURRET, scenario);
            Optional<Double> fabric8 = measured.ratioToScript(Contender.FABRIC8, scenario);
            ratios.put(scenario, new double[] {turret.orElse(Double.NaN), fabric8.orElse(Double.NaN)});
        }
        return ratios;
    }

    private static double median(List<Measurement> releases, ToDoubleFunction<Measurement> value) {
        return Measurements.median(releases.stream().map(value::applyAsDouble).toList());
    }

    static String size(double bytes) {
        return bytes < MIB ? "%.1f KiB".formatted(bytes / 1024) : "%.1f MiB".formatted(bytes / MIB);
    }

    static String whole(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : "%.1f".formatted(value);
    }
}
