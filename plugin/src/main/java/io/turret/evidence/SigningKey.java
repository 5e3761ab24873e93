package io.turret.evidence;

import io.turret.failure.UserFailure;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The key releases are signed with: an EC P-256 private key, PKCS#8 PEM, optionally encrypted
 * (PBES2, as {@code openssl pkcs8 -topk8} writes it: the JDK decrypts it, no other library needed).
 * A secret: no message, exception or {@code toString} holds any of it, and no failure carries a
 * cause (a cause's text is the JDK's, out of our hands).
 */
public final class SigningKey {
    static final String WHERE = "<signingKey> (turret.signingKey)";
    /** The order of P-256's base point: tells P-256 from the other curves. */
    static final BigInteger P256_ORDER = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final PrivateKey key;

    private SigningKey(PrivateKey key) {
        this.key = key;
    }

    /** @param passphrase the passphrase of an encrypted key; an unencrypted key needs none */
    public static SigningKey read(Path file, Optional<Passphrase> passphrase) {
        Pem pem = Pem.read(file, WHERE);
        byte[] pkcs8 = switch (pem.label()) {
            case "PRIVATE KEY" -> pem.der();
            case "ENCRYPTED PRIVATE KEY" -> decrypt(pem.der(), file, passphrase.orElseThrow(() -> new UserFailure(WHERE + ": "
                    + file + " is encrypted; give its passphrase in the environment variable TURRET_SIGNING_PASSPHRASE, or as"
                    + " the password of a settings.xml <server> named by <signingKeyServerId> (turret.signingKeyServerId).")));
            case "EC PRIVATE KEY" -> throw new UserFailure(WHERE + ": " + file + " is an EC key in OpenSSL's own format, not"
                    + " PKCS#8; convert it with: openssl pkcs8 -topk8 -in " + file + " -out key.pem (add -nocrypt to leave it"
                    + " unencrypted).");
            default -> throw new UserFailure(WHERE + ": " + file + " holds a " + pem.label() + ", not a private key; give an"
                    + " EC P-256 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE"
                    + " KEY-----), e.g. made with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem");
        };
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            requireP256(key, file);
            return new SigningKey(key);
        } catch (GeneralSecurityException e) {
            throw new UserFailure(WHERE + ": " + file + " is not an EC private key; Turret signs with EC P-256 keys (cosign's"
                    + " kind), e.g. made with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static void requireP256(java.security.Key key, Path file) {
        if (!(key instanceof ECKey ec) || !P256_ORDER.equals(ec.getParams().getOrder())) {
            throw new UserFailure(file + " is an EC key on another curve than P-256; Turret signs and verifies with P-256"
                    + " (cosign's kind), e.g. made with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
    }

    private static byte[] decrypt(byte[] der, Path file, Passphrase passphrase) {
        char[] chars = passphrase.chars();
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2's parameters name the cipher the JDK needs, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(chars)),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new UserFailure(WHERE + ": " + file + " cannot be decrypted with the passphrase given: a wrong passphrase,"
                    + " or an encryption the JDK does not read (re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc).");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The DER ECDSA P-256 / SHA-256 signature of {@code payload}: what cosign writes. */
    public byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK signs with SHA256withECDSA", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[****]";
    }
}
