package io.turret.push;

import io.turret.failure.UserFailure;
import io.turret.files.Folders;
import io.turret.image.AssembledImage;
import io.turret.image.ImageNaming;
import io.turret.image.ServiceSpec;
import io.turret.parallel.BoundedParallel;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code turret:push}: every service's image, exactly as assembled and tested, all or nothing.
 * First every blob (those the registry lacks) and every manifest by its digest, services in
 * parallel; only then the suffix tags, one per service. Should a tag fail, the tags already moved
 * are put back on their previous manifests.
 */
public final class Pusher {
    private final RegistryClient registry;
    private final Log log;

    public Pusher(RegistryClient registry, Log log) {
        this.registry = registry;
        this.log = log;
    }

    private record Prepared(AssembledImage image, String repository, ImageBlobs blobs) {
    }

    /**
     * @param tested service → the image id its integration tests ran
     * @param scratch a folder for the unpacked blobs
     */
    public List<PushedImage> pushAll(List<AssembledImage> images, Map<String, String> tested, ImageNaming naming, int threads,
            Path scratch) {
        if (images.isEmpty()) {
            throw new UserFailure("Nothing to push: target/turret/images.json names no image; run turret:assemble (and the"
                    + " integration tests) first, or turret:release.");
        }
        List<Prepared> prepared = new ArrayList<>();
        try {
            for (AssembledImage image : images) {
                prepared.add(prepare(image, tested, naming, scratch));
            }
            BlobHomes homes = new BlobHomes(registry);
            BoundedParallel.map(prepared, threads, "turret-push", image -> pushContent(image, homes));
            tagAll(prepared, naming.suffix().value());
        } finally {
            removeScratch(scratch); // the unpacked blobs: as big as the images
        }
        return prepared.stream().map(p -> new PushedImage(p.image().service(), p.image().reference(), p.blobs().manifestDigest(),
                p.blobs().configDigest(), p.blobs().layers().stream().mapToLong(ImageBlobs.Blob::size).sum())).toList();
    }

    /** Refuses an image that is not the one tested, or whose tarball is not what images.json recorded. */
    private Prepared prepare(AssembledImage image, Map<String, String> tested, ImageNaming naming, Path scratch) {
        String where = ServiceSpec.where(image.service());
        String testedId = tested.get(image.service());
        if (testedId == null) {
            throw new UserFailure(where + "no integration test passed with its image " + image.imageId() + "; run the"
                    + " integration tests (turret:integration-test) before turret:push, or use turret:release.");
        }
        if (!testedId.equals(image.imageId())) {
            throw new UserFailure(where + "its assembled image " + image.imageId() + " is not the one the integration tests ran ("
                    + testedId + "); refusing to push what was not tested. Run the integration tests again.");
        }
        String expected = naming.reference(image.service()).toString();
        if (!expected.equals(image.reference())) {
            throw new UserFailure(where + "its image was assembled as " + image.reference() + ", not " + expected
                    + "; assemble and test again with this registry, namespace and suffix.");
        }
        ImageBlobs blobs = ImageBlobs.unpack(image.tarball(), scratch.resolve(image.service()));
        if (!blobs.configDigest().equals(image.imageId()) || !blobs.manifestDigest().equals(image.digest())) {
            throw new UserFailure(where + image.tarball() + " is no longer the image turret:assemble recorded (id "
                    + blobs.configDigest() + ", digest " + blobs.manifestDigest() + "); run turret:release again.");
        }
        return new Prepared(image, naming.repository(image.service()), blobs);
    }

    private Void pushContent(Prepared prepared, BlobHomes homes) {
        String where = ServiceSpec.where(prepared.image().service());
        try {
            pushBlobsAndManifest(prepared, homes);
        } catch (UserFailure e) {
            throw new UserFailure(where + e.getMessage() + " No tag of this release was moved.", e);
        } catch (io.turret.failure.EnvironmentFailure e) {
            throw new io.turret.failure.EnvironmentFailure(where + e.getMessage() + " No tag of this release was moved.", e);
        }
        return null;
    }

    private void pushBlobsAndManifest(Prepared prepared, BlobHomes homes) {
        Map<BlobHomes.Outcome, Integer> outcomes = new java.util.EnumMap<>(BlobHomes.Outcome.class);
        List<ImageBlobs.Blob> blobs = new ArrayList<>(prepared.blobs().layers());
        blobs.add(new ImageBlobs.Blob(prepared.blobs().config(), prepared.blobs().configDigest(), 0));
        for (ImageBlobs.Blob blob : blobs) {
            outcomes.merge(homes.put(prepared.repository(), blob, UploadProgress.of(prepared.image().service(), blob.digest(), log)),
                    1, Integer::sum);
        }
        registry.putManifest(prepared.repository(), prepared.blobs().manifestDigest(), prepared.blobs().manifest());
        int mounted = outcomes.getOrDefault(BlobHomes.Outcome.MOUNTED, 0);
        log.info("[" + prepared.image().service() + "] pushed " + prepared.repository() + "@" + prepared.blobs().manifestDigest()
                + " (" + outcomes.getOrDefault(BlobHomes.Outcome.UPLOADED, 0) + " of " + blobs.size() + " blobs uploaded"
                + (mounted == 0 ? "" : ", " + mounted + " mounted from another service's repository") + ", the rest were there)");
    }

    private void tagAll(List<Prepared> prepared, String suffix) {
        Map<Prepared, Optional<String>> previous = new LinkedHashMap<>();
        for (Prepared image : prepared) {
            previous.put(image, registry.manifestDigest(image.repository(), suffix));
        }
        List<Prepared> moved = new ArrayList<>();
        for (Prepared image : prepared) {
            try {
                registry.putManifest(image.repository(), suffix, image.blobs().manifest());
                moved.add(image);
            } catch (RuntimeException e) {
                List<String> notRestored = restore(moved, previous, suffix);
                throw new UserFailure("Tagging " + image.image().reference() + " failed, so no tag of this release moved"
                        + (notRestored.isEmpty() ? "" : " except " + notRestored + ", which had no earlier tag to go back to")
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private List<String> restore(List<Prepared> moved, Map<Prepared, Optional<String>> previous, String suffix) {
        List<String> notRestored = new ArrayList<>();
        for (Prepared image : moved) {
            Optional<String> before = previous.get(image);
            if (before.isPresent()) {
                registry.putManifest(image.repository(), suffix, registry.getManifest(image.repository(), before.get()));
                log.warn("[" + image.image().service() + "] put " + suffix + " back on " + before.get());
            } else {
                notRestored.add(image.image().reference());
            }
        }
        return notRestored;
    }

    private static void removeScratch(Path scratch) {
        try {
            Folders.deleteRecursively(scratch);
        } catch (java.io.IOException e) {
            throw new io.turret.failure.EnvironmentFailure("cannot remove " + scratch + ": " + e.getMessage(), e);
        }
    }
}
