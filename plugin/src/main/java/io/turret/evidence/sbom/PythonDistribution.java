package io.turret.evidence.sbom;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** A Python distribution installed in an image: the {@code Name} and {@code Version} of its {@code *.dist-info/METADATA}. */
public record PythonDistribution(String name, String version, String location) {

    /** {@code pkg:pypi/NAME@VERSION}, the name normalised as PyPI's purls want it. */
    public String purl() {
        return "pkg:pypi/" + Purl.encode(name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-")) + "@" + Purl.encode(version);
    }

    /** @param location the path of the METADATA file in the image */
    public static Optional<PythonDistribution> parse(byte[] metadata, String location) {
        String name = null;
        String version = null;
        for (String line : new String(metadata, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isEmpty()) {
                break; // the headers end; the description follows
            }
            if (line.startsWith("Name:")) {
                name = line.substring(5).strip();
            } else if (line.startsWith("Version:")) {
                version = line.substring(8).strip();
            }
        }
        return name == null || version == null || name.isEmpty() || version.isEmpty() ? Optional.empty()
                : Optional.of(new PythonDistribution(name, version, location));
    }
}
