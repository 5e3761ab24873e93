package io.turret.it.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One release of a lane's project, timed and measured. */
final class Release {
    private Release() {
    }

    static Measurement measure(Lane lane, Scenario scenario, int repetition) throws Exception {
        int mark = Uploads.mark(lane.stack());
        long start = System.nanoTime();
        Process process = lane.start();
        long peak;
        try (PeakMemory memory = PeakMemory.of(process)) {
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            peak = memory.peakBytes();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean succeeded = process.exitValue() == 0;
        Map<String, Double> stages = lane.contender() == Contender.TURRET ? TurretStages.of(lane.log(), seconds) : Map.of();
        return new Measurement(lane.contender(), scenario, repetition, succeeded, seconds, Uploads.since(lane.stack(), mark),
                peak, stages, lane.log());
    }
}
