package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.stack.RegistryAccessLog.Request;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryAccessLogTest {

    @Test
    void readsAnAccessLogLineOfTheRegistry() {
        Optional<Request> request = RegistryAccessLog.parse("127.0.0.1 - - [25/Nov/2026:17:51:09 +0000] "
                + "\"PUT /v2/it/a/blobs/uploads/0f3c?_state=x&digest=sha256:ab HTTP/1.1\" 201 0 \"\" \"Java-http-client/17\"");

        assertEquals(Optional.of(new Request("PUT", "/v2/it/a/blobs/uploads/0f3c?_state=x&digest=sha256:ab", 201)), request);
        assertEquals("/v2/it/a/blobs/uploads/0f3c", request.orElseThrow().path());
        assertTrue(request.orElseThrow().isCompletedUpload());
    }

    @Test
    void tellsAMountFromAnUploadAndSkipsOtherLines() {
        Request mount = RegistryAccessLog.parse("127.0.0.1 - - [25/Nov/2026:17:51:09 +0000] "
                + "\"POST /v2/it/b/blobs/uploads/?mount=sha256:ab&from=it/a HTTP/1.1\" 201 0 \"\" \"docker/28\"").orElseThrow();

        assertTrue(mount.isMount());
        assertEquals(Optional.empty(), RegistryAccessLog.parse("time=\"2026-11-25T17:51:09Z\" level=info msg=\"response completed\""));
    }
}
