package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.auth.CredentialSearch;
import io.turret.auth.RegistryCredential;
import io.turret.it.stack.FaultProxy;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.oci.Digest;
import io.turret.registry.FileRegion;
import io.turret.registry.Progress;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob uploads through the fault proxy in front of the token registry: each fault a real network
 * or registry makes ends in a blob the registry holds with the right digest.
 */
@ExtendWith(TokenRegistryStackExtension.class)
class UploadFaultsIT {
    private static final String UPLOAD = "/v2/.*/blobs/uploads/.*";
    private FaultProxy faults;
    private int seenBefore;

    /** The exchanges of this test: the stack, and its fault proxy's record, serve the whole test run. */
    private List<FaultProxy.Exchange> mine() {
        List<FaultProxy.Exchange> all = faults.exchanges();
        return all.subList(seenBefore, all.size());
    }

    @AfterEach
    void disarm() {
        if (faults != null) {
            faults.clearFaults();
        }
    }

    private void uploadsDespite(TokenRegistryStack stack, String repository, Consumer<FaultProxy> fault) throws Exception {
        uploadsDespite(stack, repository, fault, 0, null);
    }

    private void uploadsDespite(TokenRegistryStack stack, String repository, Consumer<FaultProxy> fault, long chunkSize,
            Path folder) throws Exception {
        faults = stack.faults();
        byte[] blob = new byte[2 << 20];
        new Random(repository.hashCode()).nextBytes(blob);
        Digest digest = Digest.of(blob);
        RegistryClient client = RegistryClient.open(faults.address(), false, RegistryTrust.forRegistry(faults.address(), null,
                RegistryTrust.DOCKER_CERTS), CredentialSearch.given(Optional.of(new RegistryCredential(stack.pusher().name(),
                        stack.pusher().password(), "test"))), new RetryPolicy(4, Duration.ofMillis(200)), Optional.empty(), chunkSize, Log.silent());
        client.ping();
        seenBefore = faults.exchanges().size();
        fault.accept(faults);

        if (chunkSize > 0) {
            Path file = Files.write(folder.resolve("blob"), blob);
            client.uploadBlob(repository, digest, FileRegion.of(file), Progress.NONE);
        } else {
            client.uploadBlob(repository, digest, () -> HttpRequest.BodyPublishers.ofByteArray(blob));
        }

        faults.clearFaults();
        assertTrue(client.hasBlob(repository, digest));
        try (InputStream stored = client.openBlob(repository, digest)) {
            assertEquals(digest, Digest.of(stored.readAllBytes()), "the blob as stored, read back through S3's redirect");
        }
    }

    @Test
    void aLostCreatedStartsAFreshSession(TokenRegistryStack stack) throws Exception {
        uploadsDespite(stack, "it/lost-201", proxy -> proxy.loseResponse("PUT", UPLOAD, 1));

        assertTrue(mine().stream().anyMatch(e -> e.fault() == FaultProxy.Kind.LOSE_RESPONSE && e.status() == 201));
    }

    @Test
    void aResetInTheMiddleOfTheBodyIsRetried(TokenRegistryStack stack) throws Exception {
        uploadsDespite(stack, "it/reset", proxy -> proxy.resetDuringBody("PUT", UPLOAD, 300_000, 1));

        assertTrue(mine().stream().anyMatch(e -> e.fault() == FaultProxy.Kind.RESET));
    }

    @Test
    void aTooManyRequestsWaitsItsRetryAfter(TokenRegistryStack stack) throws Exception {
        long started = System.nanoTime();
        uploadsDespite(stack, "it/429", proxy -> proxy.tooManyRequests("PUT", UPLOAD, 2, 1));

        assertTrue(System.nanoTime() - started >= Duration.ofSeconds(2).toNanos(), "waited as Retry-After said");
    }

    @Test
    void aChunkedUploadCutOffAsksWhereItStandsAndEnds(TokenRegistryStack stack, @TempDir Path folder) throws Exception {
        uploadsDespite(stack, "it/chunked", proxy -> proxy.resetDuringBody("PATCH", UPLOAD, 300_000, 1), 512 << 10, folder);

        List<String> exchanges = mine().stream().map(e -> e.method() + " " + e.status()).toList();
        assertTrue(exchanges.contains("PATCH -1"), "a chunk was cut off: " + exchanges);
        assertTrue(exchanges.contains("GET 204") || exchanges.contains("GET 404"), "asked the session: " + exchanges);
        // distribution 2.8 forgets a session whose chunk was cut off (404): then a fresh one carries the blob
        assertTrue(exchanges.stream().filter(e -> e.equals("PATCH 202")).count() >= 4, "in chunks of 512 KiB: " + exchanges);
    }

    @Test
    void aServiceUnavailableIsRetried(TokenRegistryStack stack) throws Exception {
        uploadsDespite(stack, "it/503", proxy -> {
            proxy.answer(503, "POST", "/v2/.*/blobs/uploads/", 1);
            proxy.answer(503, "PUT", UPLOAD, 1);
        });

        assertEquals(2, mine().stream().filter(e -> e.status() == 503).count());
    }
}
