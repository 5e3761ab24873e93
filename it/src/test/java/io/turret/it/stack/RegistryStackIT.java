package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(RegistryStackExtension.class)
class RegistryStackIT {

    @Test
    void v2AnswersUnauthorizedWithoutCredentials(RegistryStack stack) throws Exception {
        HttpResponse<byte[]> response = new RegistryHttp(stack.url(), stack.sslContext(), null, null).get("/v2/");

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                "nginx asks for basic auth");
    }

    @Test
    void v2AnswersUnauthorizedWithAWrongPassword(RegistryStack stack) throws Exception {
        HttpResponse<byte[]> response = new RegistryHttp(stack.url(), stack.sslContext(), stack.username(), "wrong").get("/v2/");

        assertEquals(401, response.statusCode());
    }

    @Test
    void v2AnswersOkWithCredentialsOverVerifiedTls(RegistryStack stack) throws Exception {
        HttpResponse<byte[]> response = registry(stack).get("/v2/");

        assertEquals(200, response.statusCode());
        assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-Api-Version").orElse(""));
    }

    @Test
    void tlsHandshakeFailsWithoutTheStacksCa(RegistryStack stack) throws Exception {
        RegistryHttp jvmDefaultTrust = new RegistryHttp(stack.url(), SSLContext.getDefault(), stack.username(), stack.password());

        assertThrows(SSLHandshakeException.class, () -> jvmDefaultTrust.get("/v2/"));
    }

    @Test
    void uploadedBlobIsAnObjectInTheS3Bucket(RegistryStack stack) throws Exception {
        byte[] blob = ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        String digest = registry(stack).uploadBlob("it/blob-test", blob);

        String hex = digest.substring("sha256:".length());
        String key = stack.storagePrefix() + "blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
        List<String> keys = stack.s3().client().listObjectsV2Paginator(r -> r.bucket(stack.bucket()).prefix(stack.storagePrefix() + "blobs/"))
                .contents().stream().map(S3Object::key).toList();
        assertTrue(keys.contains(key), key + " listed in the bucket; found " + keys);
        ResponseBytes<GetObjectResponse> object = stack.s3().client().getObjectAsBytes(r -> r.bucket(stack.bucket()).key(key));
        assertArrayEquals(blob, object.asByteArray());
    }

    @Test
    void blobDownloadsAreRedirectedToS3(RegistryStack stack) throws Exception {
        byte[] blob = ("redirected " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        RegistryHttp registry = registry(stack);
        String digest = registry.uploadBlob("it/redirect-test", blob);

        HttpResponse<byte[]> response = registry.get("/v2/it/redirect-test/blobs/" + digest);

        assertEquals(307, response.statusCode(), "the registry hands blob reads to S3, as production does");
        String location = response.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(stack.s3().endpoint().toString()), location);
        HttpResponse<byte[]> fromS3 = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(blob, fromS3.body());
    }

    private static RegistryHttp registry(RegistryStack stack) {
        return new RegistryHttp(stack.url(), stack.sslContext(), stack.username(), stack.password());
    }
}
