package io.turret.image;

import io.turret.builder.BuildSettings;
import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything turret:assemble needs, checked: the services, where their images go, where they come
 * from, and the builds whose outputs their layers take.
 *
 * @param cacheDirectory jib's base and application layer caches; outside {@code target/} so that
 *     {@code mvn clean} keeps them
 */
public record AssembleSettings(BuildSettings build, ImageNaming naming, Provenance provenance, PullPolicy pull,
        Path cacheDirectory, List<ServiceSpec> services) {

    public AssembleSettings {
        services = List.copyOf(services);
        Set<String> names = new HashSet<>();
        for (ServiceSpec service : services) {
            String where = ServiceSpec.where(service.name());
            if (!names.add(service.name())) {
                throw new UserFailure("Two services are named '" + service.name() + "'; give each <service> its own <name>.");
            }
            for (LayerSpec layer : service.layers()) {
                if (layer.fromBuildOutput()) {
                    build.builder(layer.builder(), where + "<layer> " + layer.name());
                }
            }
            if (service.base() instanceof BaseImage.Tarball tarball && !Files.isRegularFile(tarball.path())) {
                throw new UserFailure(where + "<base>" + build.projectDirectory().relativize(tarball.path())
                        + "</base> does not exist; fix the path, or make it with docker save.");
            }
            service.platformBases().forEach((platform, base) -> {
                if (base instanceof BaseImage.Tarball tarball && !Files.isRegularFile(tarball.path())) {
                    throw new UserFailure(where + "<platformBases><" + platform + ">" + build.projectDirectory()
                            .relativize(tarball.path()) + "</" + platform + "> does not exist; fix the path, or make it with"
                            + " docker save.");
                }
            });
        }
    }

    public Path imagesDirectory() {
        return build.turretDirectory().resolve("images");
    }

    public Path tarball(ServiceSpec service) {
        return imagesDirectory().resolve(service.name() + ".tar");
    }

    /** {@code images/SERVICE.tar}; of one of {@code several} platforms, {@code images/SERVICE.OS-ARCH.tar}. */
    public Path tarball(ServiceSpec service, Platform platform, boolean several) {
        return several ? imagesDirectory().resolve(service.name() + "." + ReleasePlatforms.folder(platform) + ".tar")
                : tarball(service);
    }

    public Path imagesJson() {
        return build.turretDirectory().resolve("images.json");
    }

    /** The folder a layer's {@code <path>} is relative to, and that nothing of the layer may come from outside of. */
    public Path root(LayerSpec layer) {
        return layer.fromBuildOutput()
                ? build.outputDirectory(build.builder(layer.builder(), layer.name()))
                : build.projectDirectory();
    }

    /** {@link #root(LayerSpec)} of the image for {@code platform}: its builder's run for that platform (of {@code several}). */
    public Path root(LayerSpec layer, Platform platform, boolean several) {
        return layer.fromBuildOutput()
                ? build.outputDirectory(build.builder(layer.builder(), layer.name()).forPlatform(platform, several))
                : build.projectDirectory();
    }
}
