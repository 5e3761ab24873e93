package io.turret.push;

import io.turret.oci.Digest;
import io.turret.registry.Progress;
import io.turret.report.Log;
import java.time.Duration;
import java.util.Locale;

/** The line a long upload logs every few seconds: the service, the blob, how much went and how fast. */
final class UploadProgress {
    private UploadProgress() {
    }

    static Progress of(String service, Digest digest, Log log) {
        String blob = digest.toString().substring(0, 19);
        return (sent, total, elapsed) -> log.info(line(service, blob, sent, total, elapsed));
    }

    static String line(String service, String blob, long sent, long total, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return "[" + service + "] uploading " + blob + ": " + mebibytes(sent)
                + (total > 0 ? " of " + mebibytes(total) : "") + " MiB, " + mebibytes((long) (sent / seconds)) + " MiB/s";
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
