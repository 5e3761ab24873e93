package io.turret.push;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.image.AssembledImage;
import io.turret.image.ImageNaming;
import io.turret.image.ImageTarball;
import io.turret.image.ServiceSpec;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.parallel.BoundedParallel;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.run.Liveness;
import io.turret.tagging.TagMove;
import io.turret.tagging.TagMover;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code turret:push}: every service's image, exactly as assembled and tested, all or nothing.
 * First every blob (those the registry lacks) and every manifest by its digest, services in
 * parallel; only then the suffix tags, one per service, all or nothing through crashes too
 * ({@link TagMover}).
 */
public final class Pusher {
    private final RegistryClient registry;
    private final RegistryTags tags;
    private final Liveness liveness;
    private final Log log;
    private final BeforeTags beforeTags;

    /** @param liveness this run, named in the journal as the one moving the tags */
    public Pusher(RegistryClient registry, RegistryTags tags, Liveness liveness, Log log) {
        this(registry, tags, liveness, log, BeforeTags.NOTHING);
    }

    /** @param beforeTags written for every image after the manifests, before the journal and any tag (its signature) */
    public Pusher(RegistryClient registry, RegistryTags tags, Liveness liveness, Log log, BeforeTags beforeTags) {
        this.registry = registry;
        this.tags = tags;
        this.liveness = liveness;
        this.log = log;
        this.beforeTags = beforeTags;
    }

    /** A service to push: its blobs, read from its tarball; none when its tag already points at its manifest. */
    private record Prepared(AssembledImage image, String repository, Optional<Digest> tagged, Optional<ImageBlobs> blobs) {
        boolean inPlace() {
            return tagged.filter(image.digest()::equals).isPresent();
        }
    }

    /**
     * @param tested service → the image id its integration tests ran
     * @param release the id of this release, recorded in its journal
     */
    public List<PushedImage> pushAll(List<AssembledImage> images, Map<String, Digest> tested, ImageNaming naming, int threads,
            String release) {
        if (images.isEmpty()) {
            throw new UserFailure("Nothing to push: target/turret/images.json names no image; run turret:assemble (and the"
                    + " integration tests) first, or turret:release.");
        }
        String suffix = naming.suffix().value();
        List<Prepared> prepared = new ArrayList<>();
        for (AssembledImage image : images) {
            prepared.add(prepare(image, tested, naming, suffix));
        }
        BlobHomes homes = new BlobHomes(registry);
        BoundedParallel.map(prepared.stream().filter(p -> !p.inPlace()).toList(), threads, "turret-push",
                image -> pushContent(image, homes));
        BoundedParallel.map(prepared, threads, "turret-before-tags", image -> beforeAnyTag(image.image().service(), () -> {
            beforeTags.attach(image.image().service(), image.repository(), image.image().digest());
            return null;
        }));
        tagAll(prepared, suffix, release);
        return prepared.stream().map(p -> new PushedImage(p.image().service(), p.image().reference(), p.image().digest(),
                p.image().imageId(), p.image().compressedSize())).toList();
    }

    /**
     * Refuses an image that is not the one tested, or whose tarball is not what images.json
     * recorded. An image whose tag already points at its manifest is not read at all: the registry
     * holds exactly those bytes (a manifest's digest names its content, config included).
     */
    private Prepared prepare(AssembledImage image, Map<String, Digest> tested, ImageNaming naming, String suffix) {
        String where = ServiceSpec.where(image.service());
        Digest testedId = tested.get(image.service());
        if (testedId == null) {
            throw new UserFailure(where + "no integration test passed with its image " + image.imageId() + "; run the"
                    + " integration tests (turret:integration-test) before turret:push, or use turret:release.");
        }
        if (!testedId.equals(image.imageId())) {
            throw new UserFailure(where + "its assembled image " + image.imageId() + " is not the one the integration tests ran ("
                    + testedId + "); refusing to push what was not tested. Run the integration tests again.");
        }
        ImageRef expected = naming.reference(image.service());
        if (!expected.equals(image.reference())) {
            throw new UserFailure(where + "its image was assembled as " + image.reference() + ", not " + expected
                    + "; assemble and test again with this registry, namespace and suffix.");
        }
        String repository = naming.repository(image.service());
        Optional<Digest> tagged = beforeAnyTag(image.service(), () -> registry.manifestDigest(repository, suffix));
        if (tagged.filter(image.digest()::equals).isPresent()) {
            log.info("[" + image.service() + "] " + repository + ":" + suffix + " already points at " + image.digest()
                    + ": nothing to push");
            return new Prepared(image, repository, tagged, Optional.empty());
        }
        ImageBlobs blobs = ImageBlobs.read(image.tarball());
        if (!blobs.configDigest().equals(image.imageId()) || !blobs.manifestDigest().equals(image.digest())) {
            throw new UserFailure(where + image.tarball() + " is no longer the image turret:assemble recorded (id "
                    + blobs.configDigest() + ", digest " + blobs.manifestDigest() + "); run turret:release again.");
        }
        return new Prepared(image, repository, tagged, Optional.of(blobs));
    }

    private Void pushContent(Prepared prepared, BlobHomes homes) {
        return beforeAnyTag(prepared.image().service(), () -> {
            pushBlobsAndManifest(prepared, homes);
            return null;
        });
    }

    /** Runs a step that comes before every tag, saying so, and naming the service, when it fails. */
    private static <T> T beforeAnyTag(String service, Supplier<T> step) {
        String where = ServiceSpec.where(service);
        try {
            return step.get();
        } catch (UserFailure e) {
            throw new UserFailure(where + e.getMessage() + " No tag of this release was moved.", e);
        } catch (EnvironmentFailure e) {
            throw new EnvironmentFailure(where + e.getMessage() + " No tag of this release was moved.", e);
        }
    }

    private void pushBlobsAndManifest(Prepared prepared, BlobHomes homes) {
        ImageBlobs image = prepared.blobs().orElseThrow();
        Map<BlobHomes.Outcome, Integer> outcomes = new EnumMap<>(BlobHomes.Outcome.class);
        List<ImageTarball.Blob> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        for (ImageTarball.Blob blob : blobs) {
            outcomes.merge(homes.put(prepared.repository(), blob, UploadProgress.of(prepared.image().service(), blob.digest(), log)),
                    1, Integer::sum);
        }
        registry.putManifest(prepared.repository(), image.manifestDigest().toString(), image.manifest());
        int mounted = outcomes.getOrDefault(BlobHomes.Outcome.MOUNTED, 0);
        log.info("[" + prepared.image().service() + "] pushed " + prepared.repository() + "@" + image.manifestDigest()
                + " (" + outcomes.getOrDefault(BlobHomes.Outcome.UPLOADED, 0) + " of " + blobs.size() + " blobs uploaded"
                + (mounted == 0 ? "" : ", " + mounted + " mounted from another service's repository") + ", the rest were there)");
    }

    private void tagAll(List<Prepared> prepared, String suffix, String release) {
        List<TagMove> moves = new ArrayList<>();
        for (Prepared image : prepared) {
            image.blobs().ifPresent(blobs -> tags.pushed(blobs.manifestDigest(), blobs.manifest()));
            moves.add(new TagMove(image.image().service(), image.repository(), image.image().digest(), image.tagged()));
        }
        new TagMover(tags, liveness, log).move(release, suffix, moves);
    }
}
