package io.turret.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialChainTest {
    private static final String REGISTRY = "registry.example.com:5000";
    private static final String OTHER = "builders.example.com:5000";
    private static final Map<String, String> ENVIRONMENT = Map.of(CredentialChain.USERNAME_VARIABLE, "jenkins",
            CredentialChain.PASSWORD_VARIABLE, "from-env");

    @TempDir
    Path home;

    private void dockerConfig(String file, String json) throws Exception {
        Files.createDirectories(home.resolve(file).getParent());
        Files.writeString(home.resolve(file), json);
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSettingsServerNamedForTheRegistryComesFirst() throws Exception {
        dockerConfig(".docker/config.json", "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth("docker", "x") + "\"}}}");
        List<ServerCredential> servers = List.of(new ServerCredential("other", "o", "o"), new ServerCredential(REGISTRY, "maven", "decrypted"));

        RegistryCredential credential = new CredentialChain(REGISTRY, null, servers, ENVIRONMENT, home).find(REGISTRY).orElseThrow();

        assertEquals(new RegistryCredential("maven", "decrypted", "settings.xml <server> '" + REGISTRY + "'"), credential);
    }

    @Test
    void aConfiguredServerIdNamesTheServer() {
        List<ServerCredential> servers = List.of(new ServerCredential("company-registry", "maven", "decrypted"));

        assertEquals("maven", new CredentialChain(REGISTRY, "company-registry", servers, Map.of(), home).find(REGISTRY).orElseThrow().username());
        UserFailure missing = assertThrows(UserFailure.class,
                () -> new CredentialChain(REGISTRY, "company-registry", List.of(), ENVIRONMENT, home).find(REGISTRY));
        assertTrue(missing.getMessage().startsWith("<serverId>company-registry</serverId> names no <server> in settings.xml"));
    }

    @Test
    void thenTheEnvironmentVariablesAsJenkinsGivesThem() throws Exception {
        dockerConfig(".docker/config.json", "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth("docker", "x") + "\"}}}");

        RegistryCredential credential = new CredentialChain(REGISTRY, null, List.of(), ENVIRONMENT, home).find(REGISTRY).orElseThrow();

        assertEquals("jenkins", credential.username());
        assertEquals("the environment variables TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD", credential.source());
    }

    @Test
    void thenDockersConfigJson() throws Exception {
        dockerConfig(".docker/config.json", "{\"auths\":{\"https://" + REGISTRY + "\":{\"auth\":\"" + auth("docker", "pw") + "\"}}}");

        RegistryCredential credential = new CredentialChain(REGISTRY, null, List.of(), Map.of(), home).find(REGISTRY).orElseThrow();

        assertEquals(new RegistryCredential("docker", "pw", "~/.docker/config.json"), credential);
    }

    @Test
    void thenTheLegacyDockercfg() throws Exception {
        dockerConfig(".dockercfg", "{\"" + REGISTRY + "\":{\"auth\":\"" + auth("legacy", "pw") + "\",\"email\":\"\"}}");

        RegistryCredential credential = new CredentialChain(REGISTRY, null, List.of(), Map.of(), home).find(REGISTRY).orElseThrow();

        assertEquals(new RegistryCredential("legacy", "pw", "~/.dockercfg"), credential);
    }

    @Test
    void noneFoundIsEmpty() {
        assertTrue(new CredentialChain(REGISTRY, null, List.of(), Map.of(), home).find(REGISTRY).isEmpty());
    }

    @Test
    void anotherRegistryNeverGetsTheEnvironmentVariables() {
        CredentialChain chain = new CredentialChain(REGISTRY, null, List.of(), ENVIRONMENT, home);

        assertTrue(chain.find(OTHER).isEmpty());
        assertTrue(chain.find("registry-1.docker.io").isEmpty());
        assertEquals("settings.xml <server> '" + OTHER + "', ~/.docker/config.json, ~/.dockercfg;"
                + " TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD are for <registry> " + REGISTRY + " only",
                chain.searched(OTHER));
    }

    @Test
    void anotherRegistryNeverGetsTheServerIdsServerButItsOwn() {
        List<ServerCredential> servers = List.of(new ServerCredential("company-registry", "release-bot", "release"));
        CredentialChain chain = new CredentialChain(REGISTRY, "company-registry", servers, ENVIRONMENT, home);

        assertTrue(chain.find(OTHER).isEmpty(), "neither the server id's server nor the variables, and no failure");

        List<ServerCredential> withItsOwn = List.of(servers.get(0), new ServerCredential(OTHER, "builder", "its-own"));
        assertEquals(new RegistryCredential("builder", "its-own", "settings.xml <server> '" + OTHER + "'"),
                new CredentialChain(REGISTRY, "company-registry", withItsOwn, ENVIRONMENT, home).find(OTHER).orElseThrow());
    }

    @Test
    void anotherRegistryGetsItsDockerConfigEntry() throws Exception {
        dockerConfig(".docker/config.json", "{\"auths\":{\"" + OTHER + "\":{\"auth\":\"" + auth("docker", "other") + "\"}}}");

        RegistryCredential credential = new CredentialChain(REGISTRY, null, List.of(), ENVIRONMENT, home).find(OTHER)
                .orElseThrow();

        assertEquals(new RegistryCredential("docker", "other", "~/.docker/config.json"), credential);
    }

    @Test
    void withoutAReleaseRegistryTheVariablesGoNowhere() {
        assertTrue(new CredentialChain(null, null, List.of(), ENVIRONMENT, home).find(REGISTRY).isEmpty());
    }

    @Test
    void noPasswordIsPrinted() {
        assertFalse(new RegistryCredential("u", "s3cret", "x").toString().contains("s3cret"));
        assertFalse(new ServerCredential("id", "u", "s3cret").toString().contains("s3cret"));
    }
}
