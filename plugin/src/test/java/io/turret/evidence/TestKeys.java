package io.turret.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/** Key pairs made in the test, written as PEM files the way openssl writes them. */
public final class TestKeys {
    static final String PBES2 = "PBEWithHmacSHA256AndAES_256";

    private TestKeys() {
    }

    public static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    public static Path write(Path folder, String name, String pem) throws Exception {
        return Files.writeString(folder.resolve(name), pem);
    }

    /** The private key as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} encrypts it (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
    public static byte[] encrypted(KeyPair pair, String passphrase) throws Exception {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance(PBES2);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(PBES2).generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
        byte[] encrypted = cipher.doFinal(pair.getPrivate().getEncoded());
        // JDK 17 cannot encode PBES2's algorithm identifier itself: SEQUENCE { SEQUENCE { pbes2, params }, OCTET STRING }
        byte[] pbes2 = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x05, 0x0D};
        byte[] algorithm = der(0x30, concat(pbes2, cipher.getParameters().getEncoded()));
        byte[] info = der(0x30, concat(algorithm, der(0x04, encrypted)));
        new EncryptedPrivateKeyInfo(info); // as openssl writes it: the JDK parses it
        return info;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] length = content.length < 128 ? new byte[] {(byte) content.length}
                : content.length < 256 ? new byte[] {(byte) 0x81, (byte) content.length}
                : new byte[] {(byte) 0x82, (byte) (content.length >> 8), (byte) content.length};
        return concat(concat(new byte[] {(byte) tag}, length), content);
    }
}
