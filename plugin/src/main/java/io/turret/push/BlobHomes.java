package io.turret.push;

import io.turret.image.ImageTarball;
import io.turret.oci.Digest;
import io.turret.registry.Progress;
import io.turret.registry.RegistryClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Where each blob of one push went first, so that the other repositories of the release get it
 * by a cross-repository mount rather than a second upload. Services push in parallel: the first
 * to need a blob puts it in its repository; the others wait for that and mount it from there.
 */
final class BlobHomes {
    /** What became of a blob in a repository. */
    enum Outcome { PRESENT, UPLOADED, MOUNTED }

    private final RegistryClient registry;
    private final Map<Digest, CompletableFuture<String>> homes = new ConcurrentHashMap<>();

    BlobHomes(RegistryClient registry) {
        this.registry = registry;
    }

    /** Puts the blob in {@code repository}: found there, mounted from where this push put it, or uploaded. */
    Outcome put(String repository, ImageTarball.Blob blob, Progress progress) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> first = homes.putIfAbsent(blob.digest(), mine);
        if (first == null) {
            try {
                Outcome outcome = presentOrUploaded(repository, blob, progress);
                mine.complete(repository);
                return outcome;
            } catch (RuntimeException e) {
                homes.remove(blob.digest(), mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        String home = awaitHome(first);
        if (home != null && !home.equals(repository) && !registry.hasBlob(repository, blob.digest())) {
            if (registry.mountBlob(repository, blob.digest(), home)) {
                return Outcome.MOUNTED;
            }
            registry.uploadBlob(repository, blob.digest(), blob.content(), progress);
            return Outcome.UPLOADED;
        }
        return home == null ? presentOrUploaded(repository, blob, progress) : Outcome.PRESENT;
    }

    private Outcome presentOrUploaded(String repository, ImageTarball.Blob blob, Progress progress) {
        if (registry.hasBlob(repository, blob.digest())) {
            return Outcome.PRESENT;
        }
        registry.uploadBlob(repository, blob.digest(), blob.content(), progress);
        return Outcome.UPLOADED;
    }

    /** The repository that first got the blob; null when its push failed. */
    private static String awaitHome(CompletableFuture<String> first) {
        try {
            return first.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.turret.failure.EnvironmentFailure("interrupted while waiting for another service's upload", e);
        }
    }
}
