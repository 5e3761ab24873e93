package io.turret.evidence;

import io.turret.failure.UserFailure;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;

/** The public key signatures are checked with: EC P-256, PEM ({@code -----BEGIN PUBLIC KEY-----}, as cosign and openssl write it). */
public final class VerifyKey {
    static final String WHERE = "<verifyKey> (turret.verifyKey)";

    private final PublicKey key;
    private final Path file;

    private VerifyKey(PublicKey key, Path file) {
        this.key = key;
        this.file = file;
    }

    public static VerifyKey read(Path file) {
        Pem pem = Pem.read(file, WHERE);
        if (!pem.label().equals("PUBLIC KEY")) {
            throw new UserFailure(WHERE + ": " + file + " holds a " + pem.label() + ", not a public key; give the PEM public"
                    + " key (-----BEGIN PUBLIC KEY-----), e.g. made with: openssl pkey -in key.pem -pubout -out pub.pem");
        }
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem.der()));
            SigningKey.requireP256(key, file);
            return new VerifyKey(key, file);
        } catch (GeneralSecurityException e) {
            throw new UserFailure(WHERE + ": " + file + " is not an EC public key; Turret verifies EC P-256 signatures.");
        }
    }

    public Path file() {
        return file;
    }

    /** Whether {@code signature} (DER ECDSA) is this key's pair's over {@code payload}. */
    public boolean verifies(byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // not a DER signature at all
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK verifies SHA256withECDSA", e);
        }
    }
}
