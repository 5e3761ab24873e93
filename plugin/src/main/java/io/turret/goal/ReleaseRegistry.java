package io.turret.goal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.ReleaseEvidence;
import io.turret.evidence.ReleaseFacts;
import io.turret.files.JsonFiles;
import io.turret.image.AssembledImage;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.parallel.BoundedParallel;
import io.turret.push.BeforeTags;
import io.turret.push.PushedImage;
import io.turret.platform.PlatformChoice;
import io.turret.push.Pusher;
import io.turret.push.TestedIds;
import io.turret.push.RegistryTags;
import io.turret.push.ReleaseRecord;
import io.turret.registry.RegistryClient;
import io.turret.tagging.TagMover;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry this project's releases go to ({@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}), and what
 * the goals that write to it do there: check push access, finish a release cut short, push.
 */
final class ReleaseRegistry {
    private static final int CHECKS_AT_ONCE = 8;

    private final RunContext context;
    private final ImageNaming naming;

    ReleaseRegistry(RunContext context, ImageNaming naming) {
        this.context = context;
        this.naming = naming;
    }

    /** The registry's API, with its credential (first source found) and TLS trust. */
    RegistryClient client() {
        return context.registry(naming.registry());
    }

    RegistryTags tags(RegistryClient registry) {
        return new RegistryTags(registry, naming.namespace());
    }

    /**
     * The part of the registry check after the ping: push access to every service's repository
     * (and the journal's), then an unfinished release of the suffix finished. For a release, it
     * runs alongside the builders.
     *
     * @param repositories each service's repository, by the service's name, in the pom's order
     */
    void checkPushAccess(RegistryClient registry, Map<String, String> repositories) {
        List<String> checked = new ArrayList<>(repositories.values());
        checked.add(tags(registry).journalRepository());
        // a few round trips each (and a token each, from a token registry): all at once; the first
        // refusal in the pom's order is the one told
        BoundedParallel.map(checked, CHECKS_AT_ONCE, "turret-registry-check", repository -> {
            registry.requirePushAccess(repository);
            return repository;
        });
        context.log().info("Registry " + registry.registry() + " accepts the credential and pushes to every service's repository.");
        repairUnfinishedRelease(registry, repositories);
    }

    /**
     * Finishes, forward or back, a release of this suffix that a crash or a refusal cut short, and says which;
     * one still in progress in another run is left to it.
     *
     * @param repositories each service's repository, from the pom: a journal naming anything else is refused
     */
    Optional<TagMover.Repair> repairUnfinishedRelease(RegistryClient registry, Map<String, String> repositories) {
        Optional<TagMover.Repair> repair = new TagMover(tags(registry), context.liveness(), context.log())
                .repair(naming.suffix().value(), repositories);
        repair.ifPresent(done -> context.log().warn(done.message()));
        return repair;
    }

    /**
     * Pushes {@code images}, each only if its id is the one {@code tested} names, writes release.json
     * with {@code verdict} and logs the table.
     *
     * @param facts the release's facts for its evidence, given its release id; asked only when a signing key is configured
     */
    List<PushedImage> pushAndRecord(RegistryClient registry, List<AssembledImage> images, TestedIds tested,
            Supplier<ObjectNode> verdict, Function<String, ReleaseFacts> facts, int threads) {
        Workspace workspace = context.workspace();
        String releaseId = RunContext.newRunId();
        ObjectNode tests = verdict.get();
        BeforeTags evidence = context.settings().evidence().signing() // read before any upload: a wrong passphrase stops it
                .<BeforeTags>map(key -> new ReleaseEvidence(registry, key, images, tested, facts.apply(releaseId), tests,
                        workspace.turret().resolve("sbom"), context.log())).orElse(BeforeTags.NOTHING);
        List<PushedImage> pushed = new Pusher(registry, tags(registry), context.liveness(), context.log(), evidence).pushAll(images, tested, naming, threads,
                releaseId);
        ObjectNode release = ReleaseRecord.record(naming.suffix().value(), registry.registry(),
                GitRevision.of(workspace.projectDirectory()), pushed);
        release.set("integrationTests", tests);
        JsonFiles.write(workspace.releaseJson(), release);
        context.log().info("Pushed " + pushed.size() + " image(s) to " + registry.registry() + " (" + registry.uploads()
                + " blob(s) uploaded, " + registry.mounts() + " mounted); target/turret/release.json records them:");
        ReleaseRecord.table(pushed).forEach(context.log()::info);
        if (!tested.untested().isEmpty()) {
            context.log().warn("Released " + tested.untested() + " UNTESTED, as " + PlatformChoice.TESTED + " asked: the"
                    + " integration tests ran only on " + tested.byPlatform().keySet() + "; release.json says which.");
        }
        return pushed;
    }
}
