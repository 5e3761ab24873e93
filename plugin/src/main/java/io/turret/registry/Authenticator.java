package io.turret.registry;

import io.turret.auth.CredentialChain;
import io.turret.auth.RegistryCredential;
import io.turret.report.Log;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one registry is sent to authenticate: nothing until it asks (a 401 whose
 * {@code WWW-Authenticate} offers {@code Basic}), then the credential with every request to it.
 * Over plain HTTP it says once that the credential travels in clear. Only Basic is answered yet.
 */
public final class Authenticator {
    private final String registry;
    private final boolean plainHttp;
    private final Optional<RegistryCredential> credential;
    private final Log log;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    public Authenticator(String registry, boolean plainHttp, Optional<RegistryCredential> credential, Log log) {
        this.registry = registry;
        this.plainHttp = plainHttp;
        this.credential = credential;
        this.log = log;
    }

    /** The {@code Authorization} header for the next request: empty until the registry asked for it. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization.get());
    }

    /**
     * Answers a 401: true when the request should be sent again with {@link #authorization()}, that
     * is when the registry offers Basic, a credential is there, and it was not already sent.
     *
     * @param sentAuthorization whether the refused request carried {@link #authorization()}
     */
    public boolean answer(List<String> wwwAuthenticate, boolean sentAuthorization) {
        if (sentAuthorization || credential.isEmpty()
                || Challenge.parse(wwwAuthenticate).stream().noneMatch(challenge -> challenge.is("Basic"))) {
            return false;
        }
        RegistryCredential basic = credential.get();
        String header = "Basic " + Base64.getEncoder().encodeToString(
                (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
        if (authorization.compareAndSet(null, header) && plainHttp) {
            log.warn("Registry " + registry + ": the credential from " + basic.source() + " travels in clear over plain"
                    + " HTTP (<plainHttp>); anyone on the network between here and the registry can read it.");
        }
        return true;
    }

    /** Why a 401 with these challenges was not answered, when it is something other than a refused credential. */
    public Optional<String> unanswerable(List<String> wwwAuthenticate) {
        List<Challenge> challenges = Challenge.parse(wwwAuthenticate);
        if (challenges.stream().noneMatch(challenge -> challenge.is("Basic"))
                && challenges.stream().anyMatch(challenge -> challenge.is("Bearer"))) {
            return Optional.of("asks for token authentication (Bearer), which Turret does not support yet; put the"
                    + " registry behind Basic authentication (as nginx's auth_basic does)");
        }
        if (credential.isEmpty()) {
            return Optional.of("asks for a credential and none was found; give one as a settings.xml <server> whose <id> is "
                    + registry + " (or <serverId>), as " + CredentialChain.USERNAME_VARIABLE + "/"
                    + CredentialChain.PASSWORD_VARIABLE + ", or in ~/.docker/config.json (docker login " + registry + ")");
        }
        return Optional.empty();
    }
}
