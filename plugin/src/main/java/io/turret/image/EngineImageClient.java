package io.turret.image;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Jib's view of the Docker engine, answered through Turret's own {@link DockerAccess} (the engine's
 * API, so a remote engine works) instead of jib's docker CLI client.
 */
final class EngineImageClient implements DockerClient {
    private final DockerAccess docker;

    EngineImageClient(DockerAccess docker) {
        this.docker = docker;
    }

    @Override
    public boolean supported(Map<String, String> parameters) {
        return true;
    }

    @Override
    public String load(ImageTarball imageTarball, Consumer<Long> writtenByteCountListener) throws IOException {
        Path archive = Files.createTempFile("turret-load-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(archive)) {
                imageTarball.writeTo(out);
            }
            try (InputStream in = Files.newInputStream(archive)) {
                docker.loadImage(in);
            }
            return "";
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Override
    public void save(ImageReference imageReference, Path outputPath, Consumer<Long> writtenByteCountListener)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(outputPath)) {
            docker.saveImage(imageReference.toString(), out);
        }
    }

    @Override
    public ImageDetails inspect(ImageReference imageReference) throws IOException {
        EngineImage image = docker.inspectImage(imageReference.toString())
                .orElseThrow(() -> new IOException("the engine has no image " + imageReference));
        return new ImageDetails() {
            @Override
            public long getSize() {
                return image.size();
            }

            @Override
            public DescriptorDigest getImageId() throws DigestException {
                return DescriptorDigest.fromDigest(image.id().toString());
            }

            @Override
            public List<DescriptorDigest> getDiffIds() throws DigestException {
                List<DescriptorDigest> diffIds = new ArrayList<>();
                for (Digest diffId : image.diffIds()) {
                    diffIds.add(DescriptorDigest.fromDigest(diffId.toString()));
                }
                return diffIds;
            }
        };
    }
}
