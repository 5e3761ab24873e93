package io.turret.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretFormsTest {
    private static final String USER = "ci";
    private static final String PASSWORD = "s3cr\"et/pa+ss word";

    @Test
    void findsThePasswordInsideAnyBase64EncodedJsonWhateverItsOffset() {
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String json = "{\"serveraddress\":\"" + prefix + "127.0.0.1:5000\",\"password\":\"s3cr\\\"et/pa+ss word\",\"username\":\"ci\"}";
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String header = "X-Registry-Auth: " + encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8));

                assertFalse(SecretForms.foundIn(header, USER, PASSWORD).isEmpty(), header);
            }
        }
    }

    @Test
    void findsThePlainUrlEncodedAndBasicForms() {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        assertFalse(SecretForms.foundIn("password=" + PASSWORD, USER, PASSWORD).isEmpty());
        assertFalse(SecretForms.foundIn("p=s3cr%22et%2Fpa%2Bss+word", USER, PASSWORD).isEmpty());
        assertFalse(SecretForms.foundIn("Authorization: Basic " + basic, USER, PASSWORD).isEmpty());
        assertEquals(List.of(), SecretForms.foundIn("Authorization: Basic Y2k6b3RoZXI=", USER, PASSWORD));
    }
}
