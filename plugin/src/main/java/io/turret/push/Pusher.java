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
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.run.Liveness;
import io.turret.tagging.TagMove;
import io.turret.tagging.TagMover;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code turret:push}: every service's image, exactly as assembled and tested, all or nothing.
 * First every blob (those the registry lacks) and every manifest by its digest, services in
 * parallel (a service of several platforms: each platform's manifest, then the {@link ImageIndex} of
 * them); only then the suffix tags, one per service, all or nothing through crashes too
 * ({@link TagMover}). A service of one platform is tagged with its manifest, as always.
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

    /** One platform's image of a service to push: its blobs, read from its tarball; none when its tag is in place. */
    private record Child(AssembledImage image, boolean tested, Optional<ImageBlobs> blobs) {
    }

    /**
     * A service to push: its image, or the images of its platforms and their index ({@code digest} is the index's).
     *
     * @param digest what its suffix tag is to point at
     */
    private record Prepared(String service, ImageRef reference, String repository, Optional<Digest> tagged, List<Child> children,
            Digest digest, Optional<Manifest> index) {
        boolean inPlace() {
            return tagged.filter(digest::equals).isPresent();
        }

        PushedImage pushed() {
            long size = children.stream().mapToLong(child -> child.image().compressedSize()).sum();
            AssembledImage first = children.get(0).image();
            List<PushedImage.PlatformImage> platforms = children.size() == 1 ? List.of() : children.stream()
                    .map(child -> new PushedImage.PlatformImage(child.image().platform(), child.image().digest(),
                            child.image().imageId(), Optional.of(child.tested()))).toList();
            return new PushedImage(service, reference, digest, first.imageId(), size, platforms);
        }
    }

    /**
     * @param images every service's image for every platform (several of one service, in the platforms' order, make an index)
     * @param tested the image ids the integration tests ran, per platform
     * @param release the id of this release, recorded in its journal
     */
    public List<PushedImage> pushAll(List<AssembledImage> images, TestedIds tested, ImageNaming naming, int threads,
            String release) {
        if (images.isEmpty()) {
            throw new UserFailure("Nothing to push: target/turret/images.json names no image; run turret:assemble (and the"
                    + " integration tests) first, or turret:release.");
        }
        String suffix = naming.suffix().value();
        Map<String, List<AssembledImage>> byService = new LinkedHashMap<>();
        images.forEach(image -> byService.computeIfAbsent(image.service(), service -> new ArrayList<>()).add(image));
        List<Prepared> prepared = new ArrayList<>();
        byService.forEach((service, platforms) -> prepared.add(prepare(service, platforms, tested, naming, suffix)));
        BlobHomes homes = new BlobHomes(registry);
        BoundedParallel.map(prepared.stream().filter(p -> !p.inPlace()).toList(), threads, "turret-push",
                image -> pushContent(image, homes));
        BoundedParallel.map(prepared, threads, "turret-before-tags", image -> beforeAnyTag(image.service(), () -> {
            beforeTags.attach(image.service(), image.repository(), image.digest());
            return null;
        }));
        tagAll(prepared, suffix, release);
        return prepared.stream().map(Prepared::pushed).toList();
    }

    /**
     * Refuses an image that is not the one tested, or whose tarball is not what images.json
     * recorded. A service whose tag already points at its manifest (or at the index of its platforms'
     * manifests) is not read at all: the registry holds exactly those bytes (a manifest's digest names
     * its content, config included).
     */
    private Prepared prepare(String service, List<AssembledImage> platforms, TestedIds tested, ImageNaming naming,
            String suffix) {
        String where = ServiceSpec.where(service);
        ImageRef expected = naming.reference(service);
        List<Child> children = new ArrayList<>();
        for (AssembledImage image : platforms) {
            String which = platforms.size() == 1 ? "its" : "its " + image.platform();
            Optional<Digest> testedId = tested.of(service, image.platform());
            if (testedId.isEmpty() && !tested.untested(image.platform())) {
                throw new UserFailure(where + "no integration test passed with " + which + " image " + image.imageId() + "; run"
                        + " the integration tests (turret:integration-test) before turret:push, or use turret:release.");
            }
            if (testedId.isPresent() && !testedId.get().equals(image.imageId())) {
                throw new UserFailure(where + which + " assembled image " + image.imageId() + " is not the one the integration"
                        + " tests ran (" + testedId.get() + "); refusing to push what was not tested. Run the integration tests"
                        + " again.");
            }
            if (!expected.equals(image.reference())) {
                throw new UserFailure(where + which + " image was assembled as " + image.reference() + ", not " + expected
                        + "; assemble and test again with this registry, namespace and suffix.");
            }
            children.add(new Child(image, testedId.isPresent(), Optional.empty()));
        }
        String repository = naming.repository(service);
        Optional<Digest> tagged = beforeAnyTag(service, () -> registry.manifestDigest(repository, suffix));
        if (children.size() == 1) {
            AssembledImage image = children.get(0).image();
            if (tagged.filter(image.digest()::equals).isPresent()) {
                log.info("[" + service + "] " + repository + ":" + suffix + " already points at " + image.digest()
                        + ": nothing to push");
                return new Prepared(service, expected, repository, tagged, children, image.digest(), Optional.empty());
            }
        } else if (tagged.isPresent() && indexInPlace(service, repository, tagged.get(), children)) {
            log.info("[" + service + "] " + repository + ":" + suffix + " already points at the index " + tagged.get() + " of"
                    + " these images: nothing to push");
            return new Prepared(service, expected, repository, tagged, children, tagged.get(), Optional.empty());
        }
        List<Child> read = new ArrayList<>();
        for (Child child : children) {
            AssembledImage image = child.image();
            ImageBlobs blobs = ImageBlobs.read(image.tarball());
            if (!blobs.configDigest().equals(image.imageId()) || !blobs.manifestDigest().equals(image.digest())) {
                throw new UserFailure(where + image.tarball() + " is no longer the image turret:assemble recorded (id "
                        + blobs.configDigest() + ", digest " + blobs.manifestDigest() + "); run turret:release again.");
            }
            read.add(new Child(image, child.tested(), Optional.of(blobs)));
        }
        if (read.size() == 1) {
            return new Prepared(service, expected, repository, tagged, read, read.get(0).image().digest(), Optional.empty());
        }
        Manifest index = ImageIndex.of(read.stream().map(child -> ImageIndex.Child.of(child.image().platform(),
                child.blobs().orElseThrow().manifest())).toList());
        return new Prepared(service, expected, repository, tagged, read, index.digest(), Optional.of(index));
    }

    /**
     * Whether the tagged manifest is an index of exactly these images, in this order: the index this push would
     * write (its bytes depend on nothing else), read from the registry rather than from the tarballs.
     */
    private boolean indexInPlace(String service, String repository, Digest tagged, List<Child> children) {
        Optional<Manifest> current = beforeAnyTag(service, () -> registry.findManifest(repository, tagged.toString()));
        Optional<List<ImageIndex.Child>> named = current.flatMap(index -> ImageIndex.children(index, repository + "@" + tagged));
        if (named.isEmpty() || named.get().size() != children.size()) {
            return false;
        }
        for (int i = 0; i < children.size(); i++) {
            AssembledImage image = children.get(i).image();
            ImageIndex.Child child = named.get().get(i);
            if (!child.platform().equals(image.platform()) || !child.digest().equals(image.digest())) {
                return false;
            }
        }
        return ImageIndex.of(named.get()).digest().equals(tagged);
    }

    private Void pushContent(Prepared prepared, BlobHomes homes) {
        return beforeAnyTag(prepared.service(), () -> {
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

    /** Each platform's blobs and manifest (by digest), then the index of them: the registry takes an index only after its children. */
    private void pushBlobsAndManifest(Prepared prepared, BlobHomes homes) {
        for (Child child : prepared.children()) {
            pushBlobsAndManifest(prepared, child, homes);
        }
        prepared.index().ifPresent(index -> {
            registry.putManifest(prepared.repository(), index.digest().toString(), index);
            log.info("[" + prepared.service() + "] pushed the index " + prepared.repository() + "@" + index.digest() + " of "
                    + prepared.children().stream().map(child -> child.image().platform().toString()).toList());
        });
    }

    private void pushBlobsAndManifest(Prepared prepared, Child child, BlobHomes homes) {
        ImageBlobs image = child.blobs().orElseThrow();
        Map<BlobHomes.Outcome, Integer> outcomes = new EnumMap<>(BlobHomes.Outcome.class);
        List<ImageTarball.Blob> blobs = new ArrayList<>(image.layers());
        blobs.add(image.config());
        for (ImageTarball.Blob blob : blobs) {
            outcomes.merge(homes.put(prepared.repository(), blob, UploadProgress.of(prepared.service(), blob.digest(), log)),
                    1, Integer::sum);
        }
        registry.putManifest(prepared.repository(), image.manifestDigest().toString(), image.manifest());
        int mounted = outcomes.getOrDefault(BlobHomes.Outcome.MOUNTED, 0);
        log.info("[" + prepared.service() + "] pushed " + prepared.repository() + "@" + image.manifestDigest()
                + (prepared.children().size() == 1 ? "" : " (" + child.image().platform() + ")")
                + " (" + outcomes.getOrDefault(BlobHomes.Outcome.UPLOADED, 0) + " of " + blobs.size() + " blobs uploaded"
                + (mounted == 0 ? "" : ", " + mounted + " mounted from another service's repository") + ", the rest were there)");
    }

    private void tagAll(List<Prepared> prepared, String suffix, String release) {
        List<TagMove> moves = new ArrayList<>();
        for (Prepared image : prepared) {
            image.children().forEach(child -> child.blobs().ifPresent(blobs -> tags.pushed(blobs.manifestDigest(),
                    blobs.manifest())));
            image.index().ifPresent(index -> tags.pushed(index.digest(), index));
            moves.add(new TagMove(image.service(), image.repository(), image.digest(), image.tagged()));
        }
        new TagMover(tags, liveness, log).move(release, suffix, moves);
    }
}
