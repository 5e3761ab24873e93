package io.turret.it.stack;

import io.turret.it.host.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made at test time with openssl, and the server certificate it signs for
 * 127.0.0.1 and localhost. Nothing on the machine trusts it unless told to.
 */
public final class CertificateAuthority {
    private final Path certificate;
    private final Path serverCertificate;
    private final Path serverKey;

    private CertificateAuthority(Path directory) {
        this.certificate = directory.resolve("ca.crt");
        this.serverCertificate = directory.resolve("server.crt");
        this.serverKey = directory.resolve("server.key");
    }

    public static CertificateAuthority create(Path directory) {
        CertificateAuthority ca = new CertificateAuthority(directory);
        Path caKey = directory.resolve("ca.key");
        Path request = directory.resolve("server.csr");
        Path extensions = directory.resolve("server.ext");
        try {
            Files.createDirectories(directory);
            Files.writeString(extensions, "basicConstraints=CA:FALSE\n"
                    + "keyUsage=critical,digitalSignature,keyEncipherment\n"
                    + "extendedKeyUsage=serverAuth\n"
                    + "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + directory, e);
        }
        Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3",
                "-subj", "/CN=Turret test CA " + directory.getFileName(),
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", caKey.toString(), "-out", ca.certificate.toString());
        Commands.run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", ca.serverKey.toString(), "-out", request.toString());
        Commands.run("openssl", "x509", "-req", "-days", "3", "-in", request.toString(),
                "-CA", ca.certificate.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
                "-extfile", extensions.toString(), "-out", ca.serverCertificate.toString());
        return ca;
    }

    /** The CA's certificate (PEM): what a client must trust, and Docker's certs.d/HOST:PORT/ca.crt. */
    public Path certificate() {
        return certificate;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    /** A TLS context for servers of the stack: the server certificate for 127.0.0.1 and localhost. */
    public SSLContext serverSslContext() {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate server;
            Certificate ca;
            try (InputStream in = Files.newInputStream(serverCertificate)) {
                server = x509.generateCertificate(in);
            }
            try (InputStream in = Files.newInputStream(certificate)) {
                ca = x509.generateCertificate(in);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "turret".toCharArray();
            keys.setKeyEntry("server", privateKey(serverKey), password, new Certificate[] {server, ca});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load " + serverCertificate + ": " + e.getMessage(), e);
        }
    }

    /** An RSA key openssl wrote unencrypted (PKCS#8 PEM, what {@code openssl req -nodes} makes). */
    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** A TLS context that trusts this CA and nothing else. */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("turret-test-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load " + certificate + ": " + e.getMessage(), e);
        }
    }
}
