package io.turret.tagging;

import io.turret.oci.Digest;
import io.turret.run.FakeProcesses;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Digests named for what they stand for, and the runs of a host, for the tag logic's unit tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Owner SELF = new Owner("agent-1", 100, 1_000);
    static final Owner LIVE = new Owner("agent-1", 200, 2_000);
    static final Owner DEAD = new Owner("agent-1", 300, 3_000);
    static final Owner ELSEWHERE = new Owner("agent-2", 400, 4_000);
    static final String R1 = "20261207-110000-0001";
    static final String R2 = "20261207-110500-0002";

    private Fixtures() {
    }

    /** A digest standing for {@code name}: the same name, the same digest. */
    static Digest d(String name) {
        return Digest.of(name.getBytes(StandardCharsets.UTF_8));
    }

    /** This run is {@link #SELF}; {@link #LIVE} runs too; runs of other hosts are reaped after 6 h. */
    static Liveness liveness() {
        return new Liveness(SELF, new FakeProcesses().running(SELF).running(LIVE), Duration.ofHours(6),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
