package io.turret.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretFormsTest {
    private static final String USER = "release-bot";
    private static final String PASSWORD = "s3cret/with+odd\"chars";

    private static boolean found(String output) {
        return SecretForms.of(USER, PASSWORD).stream().anyMatch(output::contains);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheSecretInEveryEncodingAnOutputUses() {
        assertTrue(found("password=" + PASSWORD));
        assertTrue(found("Authorization: Basic " + base64(USER + ":" + PASSWORD)));
        assertTrue(found("?p=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)));
        assertTrue(found("{\"password\":\"s3cret/with+odd\\\"chars\"}"));
        for (String prefix : List.of("", "a", "ab")) {
            String registryAuth = "{\"serveraddress\":\"127.0.0.1:5000\"," + prefix + "\"username\":\"" + USER
                    + "\",\"password\":\"s3cret/with+odd\\\"chars\",\"auth\":null}";
            assertTrue(found("X-Registry-Auth: " + base64(registryAuth)), "at offset " + prefix.length());
            assertTrue(found(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    registryAuth.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void findsNothingWhereTheSecretIsNot() {
        assertEquals(List.of(), SecretForms.of(USER, PASSWORD).stream()
                .filter(("user " + USER + " " + base64(USER + ":another-password")).concat(" password=****")::contains).toList());
    }

    @Test
    void findsThePasswordInsideTheEnginesBase64AuthJsonWhateverItsOffset() {
        String user = "ci";
        String password = "s3cr\"et/pa+ss word";
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String json = "{\"serveraddress\":\"" + prefix + "127.0.0.1:5000\",\"password\":\"s3cr\\\"et/pa+ss word\",\"username\":\"ci\"}";
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String header = "X-Registry-Auth: " + encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8));

                assertTrue(!SecretForms.foundIn(header, user, password).isEmpty(), header);
            }
        }
    }
}
