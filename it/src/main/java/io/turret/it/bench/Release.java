package io.turret.it.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One release of a lane's project, timed and measured. */
final class Release {
    private Release() {
    }

    static Measurement measure(Lane lane, Scenario scenario, int repetition) throws Exception {
        int mark = Uploads.mark(lane.stack());
        Instant started = Instant.now();
        long start = System.nanoTime();
        Process process = lane.start(scenario.platforms());
        long peak;
        try (PeakMemory memory = PeakMemory.of(process)) {
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            peak = memory.peakBytes();
        }
        long elapsed = System.nanoTime() - start;
        double seconds = elapsed / 1e9;
        Instant ended = started.plusNanos(elapsed);
        boolean succeeded = process.exitValue() == 0;
        Map<String, Double> stages = lane.contender() == Contender.TURRET ? TurretStages.of(lane.log(), started, ended) : Map.of();
        return new Measurement(lane.contender(), scenario, repetition, succeeded, seconds, Uploads.since(lane.stack(), mark),
                peak, stages, lane.log());
    }
}
