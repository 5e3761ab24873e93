package io.turret.registry;

import java.time.Duration;

/** Told, every few seconds of a long upload, how far it got. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (sent, total, elapsed) -> { };
    /** How long an upload runs before its progress is first told, and then how often. */
    Duration EVERY = Duration.ofSeconds(5);

    /** @param total the body's length; -1 when not known */
    void update(long sent, long total, Duration elapsed);
}
