package io.turret.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credential for a registry; the first source that has one wins:
 * <ol>
 * <li>the settings.xml {@code <server>} whose id is the registry's host[:port]; for the release
 * registry, the configured server id instead when there is one;</li>
 * <li>for the release registry only, the environment variables {@code TURRET_REGISTRY_USERNAME}
 * and {@code TURRET_REGISTRY_PASSWORD};</li>
 * <li>{@code ~/.docker/config.json}: its {@code auths}, {@code credHelpers} and {@code credsStore};</li>
 * <li>the legacy {@code ~/.dockercfg}.</li>
 * </ol>
 * The server id and the environment variables name the release registry's credential, which
 * must never reach another registry (a builder's or a base image's).
 */
public final class CredentialChain {
    public static final String USERNAME_VARIABLE = "TURRET_REGISTRY_USERNAME";
    public static final String PASSWORD_VARIABLE = "TURRET_REGISTRY_PASSWORD";
    /** The user name of a credential that is an OAuth2 refresh token (as jib and Docker write it). */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    private final String releaseRegistry;
    private final List<ServerCredential> servers;
    private final String serverId;
    private final Map<String, String> environment;
    private final Path home;

    /**
     * @param releaseRegistry the {@code <registry>} ({@code host[:port]}) images are pushed to, or null when
     *     the goal has none: then the server id and the environment variables go to no registry
     * @param serverId the configured {@code <serverId>}, or null to look the release registry up by host
     * @param home the user's home folder, where Docker's files are
     */
    public CredentialChain(String releaseRegistry, String serverId, List<ServerCredential> servers,
            Map<String, String> environment, Path home) {
        this.releaseRegistry = releaseRegistry == null || releaseRegistry.isBlank() ? null : releaseRegistry.strip();
        this.servers = List.copyOf(servers);
        this.serverId = serverId == null || serverId.isBlank() ? null : serverId.strip();
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** The credential for {@code registry} ({@code host[:port]}), or empty to go without one. */
    public Optional<RegistryCredential> find(String registry) {
        boolean release = isRelease(registry);
        String id = release && serverId != null ? serverId : registry;
        Optional<RegistryCredential> fromSettings = servers.stream().filter(server -> server.id().equals(id)).findFirst()
                .map(server -> new RegistryCredential(server.username(), server.password(), "settings.xml <server> '" + id + "'"));
        if (fromSettings.isPresent()) {
            return fromSettings;
        }
        if (release && serverId != null) {
            throw new UserFailure("<serverId>" + serverId + "</serverId> names no <server> in settings.xml; add"
                    + " <server><id>" + serverId + "</id><username>...</username><password>...</password></server> to"
                    + " ~/.m2/settings.xml, or remove <serverId>.");
        }
        String username = environment.get(USERNAME_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (release && username != null && !username.isEmpty() && password != null) {
            return Optional.of(new RegistryCredential(username, password,
                    "the environment variables " + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE));
        }
        Optional<RegistryCredential> identityToken = identityToken(registry);
        if (identityToken.isPresent()) {
            return identityToken;
        }
        CredentialRetrieverFactory docker = CredentialRetrieverFactory.forImage(imageOn(registry), event -> { });
        return retrieve(docker.dockerConfig(home.resolve(".docker/config.json")), "~/.docker/config.json")
                .or(() -> retrieve(docker.legacyDockerConfig(home.resolve(".dockercfg")), "~/.dockercfg"));
    }

    /**
     * The {@code identitytoken} {@code docker login} stored for {@code registry}, as the credential
     * whose user is {@value #IDENTITY_TOKEN_USER}: jib's reader passes it over (it keeps it for
     * Azure's registries only) and would send the empty password of its {@code auth} instead.
     */
    private Optional<RegistryCredential> identityToken(String registry) {
        Path config = home.resolve(".docker/config.json");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            JsonNode auths = JsonFiles.JSON.readTree(config.toFile()).path("auths");
            for (String key : List.of(registry, "https://" + registry, "http://" + registry)) {
                String token = auths.path(key).path("identitytoken").asText("");
                if (!token.isEmpty()) {
                    return Optional.of(new RegistryCredential(IDENTITY_TOKEN_USER, token,
                            "~/.docker/config.json (the identity token of docker login)"));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UserFailure("Cannot read ~/.docker/config.json (" + Causes.describe(e) + "); fix it or run docker login"
                    + " again.", e);
        }
    }

    /** {@link #find} of {@code registry}'s credential, with where it looked ({@link #searched}). */
    public CredentialSearch search(String registry) {
        return new CredentialSearch(find(registry), searched(registry));
    }

    /** Where {@link #find} looked for {@code registry}'s credential, for the message when it found none. */
    public String searched(String registry) {
        String searched = "settings.xml <server> '" + registry + "', ~/.docker/config.json, ~/.dockercfg";
        if (isRelease(registry)) {
            return searched + ", " + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE;
        }
        return searched + "; " + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE + (serverId == null ? "" : " and <serverId>")
                + " are for " + (releaseRegistry == null ? "the release <registry>" : "<registry> " + releaseRegistry)
                + " only";
    }

    private boolean isRelease(String registry) {
        return releaseRegistry != null && releaseRegistry.equalsIgnoreCase(registry);
    }

    private static Optional<RegistryCredential> retrieve(CredentialRetriever retriever, String source) {
        try {
            return retriever.retrieve().map(credential -> fromJib(credential, source));
        } catch (com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException e) {
            throw new EnvironmentFailure("Reading the registry credential from " + source + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // jib's reader fails this way on an entry it cannot decode (an empty or malformed "auth")
            throw new UserFailure("Cannot read the registry credential from " + source + ": an entry is malformed"
                    + " (its \"auth\" does not decode to USER:PASSWORD). Run docker login again for that registry, or fix its \"auth\""
                    + " (base64 of USER:PASSWORD).", e);
        }
    }

    private static RegistryCredential fromJib(Credential credential, String source) {
        return new RegistryCredential(credential.getUsername(), credential.getPassword(), source);
    }

    private static ImageReference imageOn(String registry) {
        try {
            return ImageReference.parse(registry + "/turret-credential-lookup");
        } catch (InvalidImageReferenceException e) {
            throw new UserFailure("'" + registry + "' is not a registry host; write it as HOST or HOST:PORT.");
        }
    }
}
