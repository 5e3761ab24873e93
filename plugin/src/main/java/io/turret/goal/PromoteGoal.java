package io.turret.goal;

import com.google.cloud.tools.jib.api.ImageReference;
import io.turret.evidence.EvidenceCopy;
import io.turret.evidence.SuffixSignatures;
import io.turret.failure.UserFailure;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.Suffix;
import io.turret.itest.TestContainerSpec;
import io.turret.push.ManifestCopy;
import io.turret.push.PromotedImages;
import io.turret.push.PushedImage;
import io.turret.push.ReleaseRecord;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.tagging.Promotion;
import io.turret.tagging.TagMove;
import io.turret.tagging.TagMover;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * turret:promote: every service's suffix tag moved to exactly the manifest the {@code from}
 * suffix's last release pushed and tested, all or nothing; to another registry, only the blobs it
 * lacks copied. Then promotion.json, and the deployment files of the target suffix (turret:deploy-files).
 *
 * @param naming where the images are, and the suffix promoted to
 * @param from the suffix whose tested release is promoted
 * @param otherRegistry another registry ({@code HOST[:PORT]}) to promote to; empty for {@code <registry>}
 * @param otherCa the CA of {@code otherRegistry}
 * @param containers the test environment's containers: their wiring goes into the deployment files it ends with
 */
public record PromoteGoal(ImageNaming naming, Map<String, String> repositories, String from, Optional<String> otherRegistry,
        Optional<Path> otherCa, List<TestContainerSpec> containers) implements Goal {
    public PromoteGoal {
        if (from == null || from.isBlank()) {
            throw new UserFailure("No suffix to promote from: give it with -Dfrom=SUFFIX (the suffix whose tested release moves"
                    + " to -Dsuffix=" + naming.suffix().value() + "), e.g. -Dfrom=integration.");
        }
        from = new Suffix(from.strip()).value();
        if (from.equals(naming.suffix().value())) {
            throw new UserFailure("-Dfrom=" + from + " and -Dsuffix=" + from + " are the same suffix; promote to another one.");
        }
        otherRegistry = otherRegistry.map(String::strip).filter(other -> !other.isEmpty() && !other.equals(naming.registry()));
        if (otherRegistry.isPresent() && !ImageReference.isValidRegistry(otherRegistry.get())) {
            throw new UserFailure("<promoteRegistry>" + otherRegistry.get() + "</promoteRegistry> (turret.promote.registry) is"
                    + " not a registry host; write it as HOST or HOST:PORT, e.g. registry.example.com:5000.");
        }
    }

    @Override
    public void run(RunContext context) {
        String target = naming.suffix().value();
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        RegistryClient sourceRegistry = release.client();
        sourceRegistry.ping();
        boolean elsewhere = otherRegistry.isPresent();
        RegistryClient targetRegistry = elsewhere ? context.promotionTarget(otherRegistry.get(), otherCa) : sourceRegistry;
        if (elsewhere) {
            targetRegistry.ping();
        }
        if (release.repairUnfinishedRelease(targetRegistry, repositories)
                .filter(repair -> repair.outcome() == TagMover.Outcome.IN_PROGRESS).isPresent()) {
            throw new UserFailure("Refusing to promote to " + target + " while a release of it is in progress (see above);"
                    + " promote once it has finished.");
        }
        Log log = context.log();
        context.settings().evidence().verifying().ifPresent(key -> new SuffixSignatures(sourceRegistry).require(key, from,
                repositories, "Refusing to promote " + from + " to " + target + ": not every " + from + " tag is signed by the"
                        + " pair of " + key.file() + " (<verifyKey>); no tag was moved."));
        Consumer<TagMove> bringOver = elsewhere ? new ManifestCopy(sourceRegistry, targetRegistry, log)::copy : move -> { };
        if (elsewhere) { // each image's signature and attestations go with it
            bringOver = bringOver.andThen(new EvidenceCopy(sourceRegistry, targetRegistry,
                    context.settings().evidence().signing(), log)::copy);
        }
        List<TagMove> moves = new Promotion(release.tags(sourceRegistry), release.tags(targetRegistry), context.liveness(), log)
                .promote(RunContext.newRunId(), from, target, repositories, bringOver);
        List<PushedImage> promoted = PromotedImages.of(targetRegistry, target, moves);
        ReleaseRecord.write(context.workspace().promotionJson(), target, targetRegistry.registry(),
                GitRevision.of(context.workspace().projectDirectory()), promoted);
        log.info("Promoted " + from + " on " + sourceRegistry.registry() + " to " + target + " on "
                + targetRegistry.registry() + " (" + (elsewhere ? targetRegistry.uploads() + " blob(s) copied" : "no blob uploaded")
                + "); target/turret/promotion.json records it:");
        ReleaseRecord.table(promoted).forEach(log::info);
        new DeployFilesGoal(new ImageNaming(targetRegistry.registry(), naming.namespace(), naming.suffix()), repositories,
                containers).write(context, release.tags(targetRegistry));
    }
}
