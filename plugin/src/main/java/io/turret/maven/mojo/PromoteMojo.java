package io.turret.maven.mojo;

import io.turret.goal.Goal;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Moves every service's {@code suffix} tag to exactly the manifest the {@code from} suffix's last
 * release pushed and tested: all or nothing, no rebuild, no upload (to another registry, only the
 * blobs it lacks, streamed). Refuses when the {@code from} tags moved since that release. Writes
 * {@code target/turret/promotion.json} and the deployment files of {@code suffix} (see turret:deploy-files).
 * Needs only the pom.
 */
@Mojo(name = "promote", threadSafe = true)
public class PromoteMojo extends ImageMojo {
    /** The suffix whose tested release is promoted, e.g. {@code integration}; the target is {@code suffix}. */
    @Parameter(property = Properties.FROM)
    String from;

    /** Another registry ({@code HOST[:PORT]}) to promote to, with its own credential; {@code <registry>} by default. */
    @Parameter(property = Properties.PROMOTE_REGISTRY)
    String promoteRegistry;

    /** A PEM file of the CA of {@code <promoteRegistry>}; {@code /etc/docker/certs.d/HOST:PORT/*.crt} by default. */
    @Parameter(property = Properties.PROMOTE_REGISTRY_CA)
    File promoteRegistryCa;

    /** The test environment's containers: the deployment files promote ends with take their wiring from them. */
    @Parameter
    List<TestContainer> testContainers = List.of();

    @Override
    String goal() {
        return "promote";
    }

    @Override
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    Goal mapped() {
        return ConfigurationMapper.promotion(this);
    }
}
