package io.turret.registry;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialSearch;
import io.turret.auth.RegistryCredential;
import io.turret.report.Log;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one registry is sent to authenticate: nothing until it asks with a 401. When its
 * {@code WWW-Authenticate} offers {@code Basic}, the credential goes with every later request;
 * when it offers {@code Bearer}, every later request carries a token from its realm for the scopes
 * that request needs, one token per scope set, reused until it is about to expire or the registry
 * refuses it. Over plain HTTP it says once that the credential travels in clear.
 */
public final class Authentication {
    private final String registry;
    private final boolean plainHttp;
    private final Optional<RegistryCredential> credential;
    private final String searched;
    private final Log log;
    private final TokenRealm realm;
    private final Clock clock;
    private final AtomicReference<String> basic = new AtomicReference<>();
    private final AtomicReference<Challenge> bearer = new AtomicReference<>();
    private final Map<Scopes, TokenRealm.Token> tokens = new ConcurrentHashMap<>();

    public Authentication(Transport transport, boolean plainHttp, Optional<RegistryCredential> credential, Log log) {
        this(transport, plainHttp, CredentialSearch.given(credential), log, Clock.systemUTC());
    }

    /** @param credential the credential found for the registry, if any, and where it was looked for, for messages */
    public Authentication(Transport transport, boolean plainHttp, CredentialSearch credential, Log log) {
        this(transport, plainHttp, credential, log, Clock.systemUTC());
    }

    Authentication(Transport transport, boolean plainHttp, Optional<RegistryCredential> credential, Log log, Clock clock) {
        this(transport, plainHttp, CredentialSearch.given(credential), log, clock);
    }

    Authentication(Transport transport, boolean plainHttp, CredentialSearch credential, Log log, Clock clock) {
        this.registry = transport.registry();
        this.plainHttp = plainHttp;
        this.credential = credential.found();
        this.searched = credential.searched();
        this.log = log;
        this.realm = new TokenRealm(transport, this.credential, clock);
        this.clock = clock;
    }

    public Optional<RegistryCredential> credential() {
        return credential;
    }

    /**
     * The {@code Authorization} header for a request that needs {@code scopes}: empty until the
     * registry asked for one; a token is fetched when none for these scopes is still good.
     */
    public Optional<String> authorization(Scopes scopes) {
        if (basic.get() != null) {
            return Optional.of(basic.get());
        }
        Challenge challenge = bearer.get();
        if (challenge == null) {
            return Optional.empty();
        }
        TokenRealm.Token token = tokens.get(scopes);
        if (token == null && scopes.wider() != null) {
            token = tokens.get(scopes.wider()); // a push token for the repository serves its pulls too
        }
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = realm.token(challenge, scopes.asList());
            tokens.put(scopes, token);
        }
        return Optional.of("Bearer " + token.value());
    }

    /**
     * Answers a 401: true when the request should be sent again with {@link #authorization}: the
     * registry offers Basic and a credential not sent yet, or Bearer and the token sent (if any) was
     * not refused for lacking a scope.
     *
     * @param sent the {@code Authorization} the refused request carried
     */
    public boolean answer(List<String> wwwAuthenticate, Scopes scopes, Optional<String> sent) {
        List<Challenge> challenges = Challenge.parse(wwwAuthenticate);
        Optional<Challenge> bearerChallenge = challenges.stream().filter(challenge -> challenge.is("Bearer")).findFirst();
        if (bearerChallenge.isPresent() && basic.get() == null) {
            if (sent.isPresent() && lacksScope(bearerChallenge.get())) {
                return false;
            }
            // a token sent and refused anyway has expired or been revoked (a long upload): get a new one
            sent.ifPresent(refused -> {
                tokens.remove(scopes);
                Optional.ofNullable(scopes.wider()).ifPresent(tokens::remove);
            });
            bearer.set(bearerChallenge.get());
            return true;
        }
        if (sent.isPresent() || credential.isEmpty() || challenges.stream().noneMatch(challenge -> challenge.is("Basic"))) {
            return false;
        }
        RegistryCredential used = credential.get();
        String header = "Basic " + Base64.getEncoder().encodeToString(
                (used.username() + ":" + used.password()).getBytes(StandardCharsets.UTF_8));
        if (basic.compareAndSet(null, header) && plainHttp) {
            log.warn("Registry " + registry + ": the credential from " + used.source() + " travels in clear over plain"
                    + " HTTP (<plainHttp>); anyone on the network between here and the registry can read it.");
        }
        return true;
    }

    /** Why a 401 with these challenges was not answered, when it is something other than a refused credential. */
    public Optional<String> unanswerable(List<String> wwwAuthenticate, Scopes scopes) {
        List<Challenge> challenges = Challenge.parse(wwwAuthenticate);
        Optional<Challenge> bearerChallenge = challenges.stream().filter(challenge -> challenge.is("Bearer")).findFirst();
        // no credential first: a token without rights for no one is a credential missing, not a user lacking rights
        if (credential.isEmpty()) {
            String refusal = bearerChallenge.isEmpty() ? "asks for a credential"
                    : lacksScope(bearerChallenge.get()) ? "grants no right to " + scopes.describe() + " without a credential"
                    : "refused an anonymous token";
            return Optional.of(refusal + ", and " + noneFound() + "; " + giveOne());
        }
        if (bearerChallenge.isPresent() && lacksScope(bearerChallenge.get())) {
            return Optional.of("gave the token for " + credential.get().source() + " no right to " + scopes.describe()
                    + "; ask the registry's administrator to grant that user push rights there, or give the credential"
                    + " of one who has them");
        }
        return Optional.empty();
    }

    private String noneFound() {
        return "Turret found no credential for " + registry + (searched.isEmpty() ? "" : " (it looked in " + searched + ")");
    }

    private String giveOne() {
        return "give one as a settings.xml <server> whose <id> is " + registry + " (or <serverId>), as "
                + CredentialChain.USERNAME_VARIABLE + "/" + CredentialChain.PASSWORD_VARIABLE
                + ", or in ~/.docker/config.json (docker login " + registry + ")";
    }

    private static boolean lacksScope(Challenge challenge) {
        return "insufficient_scope".equals(challenge.parameter("error"));
    }
}
