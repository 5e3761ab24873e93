package io.turret.maven.mojo;

import com.google.cloud.tools.jib.api.ImageReference;
import io.turret.failure.UserFailure;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.Suffix;
import io.turret.push.ManifestCopy;
import io.turret.push.PromotedImages;
import io.turret.push.PushedImage;
import io.turret.push.ReleaseRecord;
import io.turret.registry.RegistryClient;
import io.turret.tagging.Promotion;
import io.turret.tagging.TagMove;
import io.turret.tagging.TagMover;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Moves every service's {@code suffix} tag to exactly the manifest the {@code from} suffix's last
 * release pushed and tested: all or nothing, no rebuild, no upload (to another registry, only the
 * blobs it lacks, streamed). Refuses when the {@code from} tags moved since that release. Writes
 * {@code target/turret/promotion.json}. Needs only the pom.
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

    @Override
    String goal() {
        return "promote";
    }

    @Override
    void run() {
        ImageNaming naming = naming();
        if (from == null || from.isBlank()) {
            throw new UserFailure("No suffix to promote from: give it with -Dfrom=SUFFIX (the suffix whose tested release moves"
                    + " to -Dsuffix=" + naming.suffix().value() + "), e.g. -Dfrom=integration.");
        }
        String source = new Suffix(from.strip()).value();
        String target = naming.suffix().value();
        if (source.equals(target)) {
            throw new UserFailure("-Dfrom=" + source + " and -Dsuffix=" + target + " are the same suffix; promote to another one.");
        }
        Map<String, String> repositories = serviceRepositories();
        RegistryClient sourceRegistry = registryClient();
        sourceRegistry.ping();
        String other = promoteRegistry == null ? "" : promoteRegistry.strip();
        boolean elsewhere = !other.isEmpty() && !other.equals(naming.registry());
        if (elsewhere && !ImageReference.isValidRegistry(other)) {
            throw new UserFailure("<promoteRegistry>" + other + "</promoteRegistry> (" + Properties.PROMOTE_REGISTRY + ") is not"
                    + " a registry host; write it as HOST or HOST:PORT, e.g. registry.example.com:5000.");
        }
        RegistryClient targetRegistry = elsewhere ? registryClient(other, promoteRegistryCa) : sourceRegistry;
        if (elsewhere) {
            targetRegistry.ping();
        }
        if (repairUnfinishedRelease(targetRegistry).filter(repair -> repair.outcome() == TagMover.Outcome.IN_PROGRESS)
                .isPresent()) {
            throw new UserFailure("Refusing to promote to " + target + " while a release of it is in progress (see above);"
                    + " promote once it has finished.");
        }
        MavenLog log = new MavenLog(getLog());
        Consumer<TagMove> bringOver = elsewhere ? new ManifestCopy(sourceRegistry, targetRegistry, log)::copy : move -> { };
        List<TagMove> moves = new Promotion(registryTags(sourceRegistry), registryTags(targetRegistry), liveness(), log).promote(newRunId(),
                source, target, repositories, bringOver);
        List<PushedImage> promoted = PromotedImages.of(targetRegistry, target, moves);
        ReleaseRecord.write(turretDirectory().resolve("promotion.json"), target, targetRegistry.registry(),
                GitRevision.of(projectDirectory.toPath()), promoted);
        getLog().info("Promoted " + source + " on " + sourceRegistry.registry() + " to " + target + " on "
                + targetRegistry.registry() + " (" + (elsewhere ? targetRegistry.uploads() + " blob(s) copied" : "no blob uploaded")
                + "); target/turret/promotion.json records it:");
        ReleaseRecord.table(promoted).forEach(getLog()::info);
    }
}
