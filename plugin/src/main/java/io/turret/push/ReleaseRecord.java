package io.turret.push;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.files.JsonFiles;
import io.turret.registry.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code target/turret/release.json} and the table a release ends with. Never a secret. A service of several
 * platforms records its index's digest, and under {@code platforms} each platform's manifest digest, image id and
 * whether this release tested it.
 */
public final class ReleaseRecord {
    private ReleaseRecord() {
    }

    public static void write(Path file, String suffix, String registry, Optional<String> gitCommit, List<PushedImage> images) {
        JsonFiles.write(file, record(suffix, registry, gitCommit, images));
    }

    /** What {@link #write} writes, for a caller that adds to it first. */
    public static ObjectNode record(String suffix, String registry, Optional<String> gitCommit, List<PushedImage> images) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suffix", suffix);
        root.put("registry", registry);
        if (gitCommit.isPresent()) {
            root.put("gitCommit", gitCommit.get());
        } else {
            root.putNull("gitCommit");
        }
        ObjectNode services = root.putObject("services");
        for (PushedImage image : images) {
            ObjectNode service = services.putObject(image.service());
            service.put("reference", image.reference().toString());
            service.put("digest", image.digest().toString());
            service.put("imageId", image.imageId().toString());
            service.put("size", image.size());
            if (!image.platforms().isEmpty()) {
                service.put("mediaType", Manifest.OCI_INDEX);
                ObjectNode platforms = service.putObject("platforms");
                for (PushedImage.PlatformImage platform : image.platforms()) {
                    ObjectNode one = platforms.putObject(platform.platform().toString());
                    one.put("digest", platform.digest().toString());
                    one.put("imageId", platform.imageId().toString());
                    platform.tested().ifPresent(tested -> one.put("tested", tested));
                }
            }
        }
        return root;
    }

    /** The lines of the table of what was pushed: service, reference, digest (short), size. */
    public static List<String> table(List<PushedImage> images) {
        int service = Math.max("service".length(), images.stream().mapToInt(i -> i.service().length()).max().orElse(0));
        int reference = Math.max("reference".length(), images.stream().mapToInt(i -> i.reference().toString().length()).max()
                .orElse(0));
        String row = "%-" + service + "s  %-" + reference + "s  %-19s  %9s";
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, row, "service", "reference", "digest", "size"));
        for (PushedImage image : images) {
            lines.add(String.format(Locale.ROOT, row, image.service(), image.reference(), image.digest().toString().substring(0, 19),
                    String.format(Locale.ROOT, "%.1f MiB", image.size() / (1024.0 * 1024))));
            for (PushedImage.PlatformImage platform : image.platforms()) {
                lines.add(String.format(Locale.ROOT, row, "", "  " + platform.platform() + platform.tested()
                        .map(tested -> tested ? " tested" : " UNTESTED").orElse(""), platform.digest().toString().substring(0, 19),
                        "").stripTrailing());
            }
        }
        return lines;
    }
}
