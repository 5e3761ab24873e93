package io.turret.image;

import io.turret.failure.UserFailure;
import java.util.regex.Pattern;

/** The deploy suffix, the tag every image of a release gets: {@code dev}, {@code integration}, a branch. */
public record Suffix(String value) {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public Suffix {
        if (value == null || value.isBlank()) {
            throw new UserFailure("No deploy suffix: give one with -Dsuffix=NAME (the tag of every image), e.g. -Dsuffix=dev.");
        }
        if (!TAG.matcher(value).matches()) {
            throw new UserFailure("-Dsuffix=" + value + " is not a valid image tag (letters, digits, '_', '.', '-', at most"
                    + " 128, not starting with '.' or '-'); use -Dsuffix=" + sanitised(value) + ".");
        }
        if (value.startsWith("sha256-")) {
            throw new UserFailure("-Dsuffix=" + value + ": tags starting with sha256- are cosign's (the signatures of"
                    + " manifests); choose another suffix.");
        }
    }

    /** What {@code value} becomes as a tag: {@code feature/login} → {@code feature-login}. */
    public static String sanitised(String value) {
        String tag = value.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
        if (tag.length() > 128) {
            tag = tag.substring(0, 128);
        }
        return tag.isEmpty() ? "dev" : tag;
    }

    @Override
    public String toString() {
        return value;
    }
}
