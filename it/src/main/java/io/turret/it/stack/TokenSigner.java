package io.turret.it.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.it.host.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes the registry's bearer tokens: RS256 JWTs signed with a key made for the stack, whose
 * self-signed certificate is the registry's {@code rootcertbundle} and travels in the {@code x5c}
 * header. The registry wants {@code aud} as a string, and accepts a token up to 60 s past its
 * {@code exp}.
 */
public final class TokenSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Path certificate;
    private final String issuer;
    private final String service;
    private final PrivateKey key;
    private final String header;

    private TokenSigner(Path certificate, String issuer, String service, PrivateKey key, String header) {
        this.certificate = certificate;
        this.issuer = issuer;
        this.service = service;
        this.key = key;
        this.header = header;
    }

    /** A new signing key and its certificate in {@code directory}. */
    public static TokenSigner create(Path directory, String issuer, String service) {
        Path keyFile = directory.resolve("token-signer.key");
        Path certificate = directory.resolve("token-signer.crt");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + directory, e);
        }
        Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3",
                "-subj", "/CN=" + issuer, "-keyout", keyFile.toString(), "-out", certificate.toString());
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            PrivateKey key = CertificateAuthority.privateKey(keyFile);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", "RS256");
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(x509.getEncoded())));
            return new TokenSigner(certificate, issuer, service, key, encode(header));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the token signing key in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A token for {@code subject} (empty for anonymous) granting {@code access}, valid from now
     * until {@code expiry}.
     */
    public String sign(String subject, List<Access> access, Instant expiry) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", service);
        claims.put("exp", expiry.getEpochSecond());
        // a second back, so that a registry whose clock reads the same second accepts it at once
        claims.put("nbf", now.getEpochSecond() - 1);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access.stream()
                .map(a -> Map.of("type", a.type(), "name", a.name(), "actions", a.actions()))
                .toList());
        String signed = header + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
    }

    private static String encode(Object json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate (PEM) the registry's {@code rootcertbundle} holds. */
    public Path certificate() {
        return certificate;
    }

    public String issuer() {
        return issuer;
    }

    /** The registry's service name: the tokens' audience, and the {@code service} clients ask for. */
    public String service() {
        return service;
    }

    /** What a token lets its bearer do on one resource, as in a scope {@code repository:NAME:pull,push}. */
    public record Access(String type, String name, List<String> actions) {
        public Access {
            actions = List.copyOf(actions);
        }
    }
}
