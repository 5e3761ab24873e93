package io.turret.registry;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for one registry: the JVM's certificate authorities, plus a private CA from the
 * configuration or, as Docker does, from {@code /etc/docker/certs.d/HOST:PORT/*.crt}.
 *
 * @param description what is trusted, for messages
 */
public record RegistryTrust(SSLContext sslContext, String description) {
    public static final Path DOCKER_CERTS = Path.of("/etc/docker/certs.d");

    /** For a registry spoken to over plain HTTP: nothing to verify. */
    public static RegistryTrust plainHttp() {
        try {
            return new RegistryTrust(SSLContext.getDefault(), "nothing (plain HTTP)");
        } catch (GeneralSecurityException e) {
            throw new EnvironmentFailure("the JVM has no default TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * @param configuredCa the {@code <registryCa>} PEM file, or null to look in Docker's place
     */
    public static RegistryTrust forRegistry(String registry, Path configuredCa, Path dockerCerts) {
        List<Path> caFiles = new ArrayList<>();
        String description;
        if (configuredCa != null) {
            if (!Files.isRegularFile(configuredCa)) {
                throw new UserFailure("<registryCa>" + configuredCa + "</registryCa> (turret.registry.ca) does not exist; give"
                        + " the PEM file of the CA that signed the registry's certificate.");
            }
            caFiles.add(configuredCa);
            description = "the JVM's CAs and " + configuredCa;
        } else {
            Path folder = dockerCerts.resolve(registry);
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> certificates = Files.newDirectoryStream(folder, "*.crt")) {
                    certificates.forEach(caFiles::add);
                } catch (IOException e) {
                    throw new EnvironmentFailure("cannot read " + folder + ": " + Causes.describe(e), e);
                }
            }
            description = caFiles.isEmpty() ? "the JVM's CAs" : "the JVM's CAs and " + caFiles;
        }
        return new RegistryTrust(context(caFiles), description);
    }

    private static SSLContext context(List<Path> caFiles) {
        try {
            if (caFiles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int alias = 0;
            for (X509Certificate jvmCa : jvmTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jvm-" + alias++, jvmCa);
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : caFiles) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate ca : x509.generateCertificates(in)) {
                        trusted.setCertificateEntry("ca-" + alias++, ca);
                    }
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new UserFailure("Cannot read the registry's CA certificate from " + caFiles + " (" + Causes.describe(e)
                    + "); it must be a PEM file.", e);
        }
    }

    private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
