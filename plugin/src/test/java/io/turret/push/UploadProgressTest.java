package io.turret.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadProgressTest {
    @Test
    void aLineSaysTheServiceTheBlobHowMuchAndHowFast() {
        assertEquals("[frontend] uploading sha256:0123456789: 12.0 of 80.0 MiB, 2.4 MiB/s", UploadProgress.line("frontend",
                "sha256:0123456789", 12L << 20, 80L << 20, Duration.ofSeconds(5)));
    }
}
