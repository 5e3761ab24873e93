package io.turret.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.turret.oci.Platform;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Map;

/**
 * The key of what a service's image for one platform is made of: the platform, the base (its engine image id, or the digest of
 * its tarball), every planned layer entry (where it lands, its mode, owner and time, and the
 * content of the file it takes), the image's configuration with its labels, and its reference.
 */
final class AssemblyInputs {
    private static final String FORMAT = "turret-assembly-1";

    private AssemblyInputs() {
    }

    /** @param base the base as content: {@code scratch}, an engine image id, or a tarball's digest */
    static String key(ServiceSpec service, Platform platform, String base, List<FileEntriesLayer> layers,
            Map<String, String> labels, String reference, ContentKeys contents) throws IOException {
        Fingerprint key = new Fingerprint(FORMAT)
                .add("reference", reference)
                .add("platform", platform.toString())
                .add("base", base)
                .add("entrypoint", service.entrypoint())
                .add("cmd", service.cmd())
                .add("environment", service.environment())
                .add("ports", service.ports())
                .add("user", service.user())
                .add("workingDirectory", service.workingDirectory())
                .add("labels", labels);
        for (FileEntriesLayer layer : layers) {
            key.add("layer", layer.getName());
            for (FileEntry entry : layer.getEntries()) {
                boolean folder = Files.isDirectory(entry.getSourceFile(), LinkOption.NOFOLLOW_LINKS);
                key.add("entry", List.of(entry.getExtractionPath().toString(), entry.getPermissions().toOctalString(),
                        entry.getOwnership(), entry.getModificationTime().toString(),
                        folder ? "folder" : contents.of(entry.getSourceFile())));
            }
        }
        return key.key();
    }
}
