package io.turret.image;

import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads an image tarball into the engine without the layers the engine holds already. The engine
 * (moby's {@code docker load}) opens a layer's file only when it lacks the layer with the same
 * chain (the layer and every one below it), so the leading layers an image shares with one the
 * engine has (its base, the service's previous image) are left out of what is sent: a new
 * application layer on a 100 MiB base sends kilobytes. An engine that wants them anyway fails
 * the load, and then gets the whole tarball.
 */
final class EngineLoad {
    private final DockerAccess docker;
    private final Log log;

    EngineLoad(DockerAccess docker, Log log) {
        this.docker = docker;
        this.log = log;
    }

    /**
     * Loads {@code image}, whose id is {@code imageId}, leaving out its leading layers that one of
     * {@code held} (images the engine has: their diff ids, bottom first) starts with.
     */
    void load(ImageTarball image, Digest imageId, List<EngineImage> held) throws IOException {
        Path tarball = image.path();
        int shared = 0;
        for (EngineImage engineImage : held) {
            shared = Math.max(shared, commonPrefix(image.diffIds(), engineImage.diffIds()));
        }
        if (shared > 0) {
            Path thin = tarball.resolveSibling(tarball.getFileName() + ".thin");
            try {
                image.copyWithout(image.layers().subList(0, shared), thin);
                try (InputStream in = Files.newInputStream(thin)) {
                    docker.loadImage(in);
                }
                if (docker.inspectImage(imageId.toString()).isPresent()) {
                    log.debug("loaded " + tarball.getFileName() + " without its first " + shared + " layer(s), which the engine has");
                    return;
                }
                log.debug("the engine did not make " + imageId + " from the tarball without its first " + shared + " layers");
            } catch (EnvironmentFailure e) {
                log.debug("the engine refused the tarball without its first " + shared + " layers (" + e.getMessage()
                        + "); loading all of it");
            } finally {
                Files.deleteIfExists(thin);
            }
        }
        try (InputStream in = Files.newInputStream(tarball)) {
            docker.loadImage(in);
        }
    }

    static int commonPrefix(List<Digest> image, List<Digest> held) {
        int shared = 0;
        while (shared < image.size() && shared < held.size() && image.get(shared).equals(held.get(shared))) {
            shared++;
        }
        return shared;
    }
}
