package io.turret.image;

import io.turret.failure.UserFailure;
import io.turret.oci.ImageRef;
import java.nio.file.Path;

/** What a service's image starts from: nothing, an image reference, or a {@code docker save} tarball. */
public sealed interface BaseImage {
    /** An empty file system: the image holds only its layers. */
    record Scratch() implements BaseImage {
    }

    /** An image by reference, from the engine or a registry as the pull policy says. */
    record Reference(ImageRef reference) implements BaseImage {
        @Override
        public String toString() {
            return reference.toString();
        }
    }

    /** A {@code docker save} archive in the project. */
    record Tarball(Path path) implements BaseImage {
    }

    /**
     * Reads a {@code <base>}: {@code scratch}, a path ending in {@code .tar} (relative to the
     * project), or an image reference.
     */
    static BaseImage parse(String base, Path projectDirectory, String where) {
        if (base == null || base.isBlank()) {
            throw new UserFailure(where + "<base> is missing; use <base>scratch</base>, an image such as"
                    + " <base>debian:bookworm</base>, or a docker-save tarball such as <base>images/base.tar</base>.");
        }
        String value = base.strip();
        if (value.equals("scratch")) {
            return new Scratch();
        }
        if (value.endsWith(".tar")) {
            return new Tarball(projectDirectory.resolve(value).normalize());
        }
        try {
            return new Reference(ImageRef.parse(value));
        } catch (IllegalArgumentException e) {
            throw new UserFailure(where + "<base>" + value + "</base> is not an image reference, 'scratch' or a .tar path;"
                    + " write it as NAME:TAG, e.g. <base>debian:bookworm</base>.");
        }
    }
}
