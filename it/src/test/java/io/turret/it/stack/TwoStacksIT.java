package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

class TwoStacksIT {

    @Test
    void twoStacksStartedAtOnceDoNotCollide() throws Exception {
        CompletableFuture<RegistryStack> first = CompletableFuture.supplyAsync(RegistryStack::start);
        CompletableFuture<RegistryStack> second = CompletableFuture.supplyAsync(RegistryStack::start);
        try (RegistryStack a = first.join(); RegistryStack b = second.join()) {
            assertNotEquals(a.address(), b.address());
            assertNotEquals(a.s3().endpoint(), b.s3().endpoint());
            assertNotEquals(a.registry().port(), b.registry().port());
            assertNotEquals(a.directory(), b.directory());
            assertNotEquals(a.password(), b.password());

            String digest = new RegistryHttp(a.url(), a.sslContext(), a.username(), a.password())
                    .uploadBlob("it/only-in-a", "only in a".getBytes(StandardCharsets.UTF_8));

            assertTrue(blobKeys(a).stream().anyMatch(key -> key.contains(digest.substring(7))));
            assertFalse(blobKeys(b).stream().anyMatch(key -> key.contains(digest.substring(7))),
                    "b's bucket has none of a's blobs");
            assertEquals(401, new RegistryHttp(b.url(), b.sslContext(), a.username(), a.password()).get("/v2/").statusCode(),
                    "a's credentials do not open b");
            assertThrows(SSLHandshakeException.class,
                    () -> new RegistryHttp(b.url(), a.sslContext(), b.username(), b.password()).get("/v2/"),
                    "a's CA does not vouch for b");
        }
    }

    @Test
    void closingAStackStopsEveryProcess() {
        RegistryStack stack = RegistryStack.start();
        assertTrue(stack.isRunning());

        stack.close();

        assertFalse(stack.s3().process().isAlive());
        assertFalse(stack.registry().process().isAlive());
        assertFalse(stack.proxy().process().isAlive());
    }

    private static java.util.List<String> blobKeys(RegistryStack stack) {
        return stack.s3().client().listObjectsV2Paginator(r -> r.bucket(stack.bucket()).prefix(stack.storagePrefix()))
                .contents().stream().map(S3Object::key).toList();
    }
}
