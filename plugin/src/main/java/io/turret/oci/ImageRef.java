package io.turret.oci;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.turret.failure.EnvironmentFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * An image reference, read once: {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}, as Docker reads it
 * (a name without a registry is Docker Hub's, {@code debian} is {@code library/debian}, a name
 * without a tag or digest means {@code latest}). jib-core's public {@link ImageReference} does the
 * parsing; the rest of Turret sees this record.
 *
 * @param registry {@code host[:port]}; Docker Hub's is {@code registry-1.docker.io}
 * @param repository the path in the registry: {@code team/api}, {@code library/debian}
 * @param tag the tag; empty only when a digest names the image
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
    private static final String DEFAULT_TAG = "latest";

    public ImageRef {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (!ImageReference.isValidRegistry(registry)) {
            throw new IllegalArgumentException("'" + registry + "' is not a registry (HOST or HOST:PORT)");
        }
        if (!ImageReference.isValidRepository(repository)) {
            throw new IllegalArgumentException("'" + repository + "' is not a repository (lower-case parts joined by '/')");
        }
        if (tag.isPresent() && !ImageReference.isValidTag(tag.get())) {
            throw new IllegalArgumentException("'" + tag.get() + "' is not a tag");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of(DEFAULT_TAG);
        }
    }

    /** Reads a reference; anything else is refused with the reason. */
    public static ImageRef parse(String text) {
        try {
            ImageReference parsed = ImageReference.parse(Objects.requireNonNull(text, "text"));
            return new ImageRef(parsed.getRegistry(), parsed.getRepository(), parsed.getTag(),
                    parsed.getDigest().map(Digest::parse));
        } catch (InvalidImageReferenceException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an image reference ([REGISTRY/]REPOSITORY[:TAG]"
                    + "[@sha256:DIGEST])", e);
        }
    }

    /**
     * Reads a reference that came from {@code source} (a file Turret wrote): one that is not a
     * reference is refused there, the message naming where it came from.
     */
    public static ImageRef parse(String text, String source) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new EnvironmentFailure(source + ": " + e.getMessage() + ".", e);
        }
    }

    /** The reference in {@code text}, or empty when it is not one. */
    public static Optional<ImageRef> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code REGISTRY/REPOSITORY:TAG}. */
    public static ImageRef of(String registry, String repository, String tag) {
        return new ImageRef(registry, repository, Optional.of(tag), Optional.empty());
    }

    /** Whether {@code text} is a registry's {@code host[:port]}. */
    public static boolean isRegistry(String text) {
        return ImageReference.isValidRegistry(text);
    }

    /** Whether {@code text} is a repository path: lower-case parts joined by '/'. */
    public static boolean isRepository(String text) {
        return ImageReference.isValidRepository(text);
    }

    /** What a registry's manifest URL names: the digest when there is one, else the tag. */
    public String qualifier() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    /** Whether it names the {@code latest} tag (written or not) and no digest. */
    public boolean usesDefaultTag() {
        return digest.isEmpty() && tag.filter(DEFAULT_TAG::equals).isPresent();
    }

    /** The image's name without tag or digest, as the engine names it: {@code r:5000/team/api}, {@code debian}. */
    public String name() {
        return ImageReference.of(registry, repository, null).toString();
    }

    /** The same image under its tag alone ({@code latest} when it names none), for the engine to name it. */
    public String withTag() {
        return name() + ":" + tag.orElse(DEFAULT_TAG);
    }

    /** jib's form of it, for jib's API. */
    public ImageReference toJib() {
        return ImageReference.of(registry, repository, tag.orElse(null), digest.map(Digest::toString).orElse(null));
    }

    /** As Docker writes it: {@code debian:bookworm}, {@code r:5000/team/api:dev}, {@code debian} for {@code debian:latest}. */
    @Override
    public String toString() {
        return toJib().toString();
    }
}
