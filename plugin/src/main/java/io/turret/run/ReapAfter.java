package io.turret.run;

import io.turret.failure.UserFailure;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code turret.reapAfter}: a whole number and a unit, {@code 90m}, {@code 6h}, {@code 2d}. */
public final class ReapAfter {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})([smhd])");

    private ReapAfter() {
    }

    public static Duration parse(String value, String where) {
        Matcher matcher = FORMAT.matcher(value == null ? "" : value.strip());
        if (!matcher.matches()) {
            throw new UserFailure(where + " '" + value + "' is not a duration; write a whole number and a unit: 90m, 6h or 2d.");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
