package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.turret.failure.UserFailure;
import io.turret.report.Log;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way TLS with a registry goes wrong gets the message that names it, against local servers. */
class RegistryClientTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path certificates;

    /** Self-signed certificates made by keytool: one naming this host, one naming other hosts only. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        certificate("right", "CN=127.0.0.1", "ip:127.0.0.1");
        certificate("wrong", "CN=wrong.example", "dns:wrong.example,ip:10.9.9.9");
    }

    private static void certificate(String name, String subject, String alternativeNames) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String store = certificates.resolve(name + ".p12").toString();
        run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject, "-ext",
                "SAN=" + alternativeNames, "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file",
                certificates.resolve(name + ".pem").toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static HttpsServer tlsServer(String certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.resolve(certificate + ".p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static UserFailure pingFails(int port, Path ca) {
        String registry = "127.0.0.1:" + port;
        RegistryClient api = RegistryClient.open(registry, false, RegistryTrust.forRegistry(registry, ca, certificates.resolve("none")),
                Optional.empty(), new RetryPolicy(1, Duration.ZERO), Log.silent());
        return assertThrows(UserFailure.class, api::ping);
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsToldWithTheNamesItHas() throws Exception {
        HttpsServer server = tlsServer("wrong");
        try {
            int port = server.getAddress().getPort();

            UserFailure failure = pingFails(port, certificates.resolve("wrong.pem"));

            assertEquals("The registry 127.0.0.1:" + port + " has a certificate that does not name 127.0.0.1; it names"
                    + " DNS:wrong.example, IP:10.9.9.9. Write the registry in <registry> (-Dturret.registry) by a name its"
                    + " certificate holds, or have its certificate made with 127.0.0.1 among its subject alternative names.",
                    failure.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCertificateFromAnUntrustedCaAsksForTheCa() throws Exception {
        HttpsServer server = tlsServer("right");
        try {
            int port = server.getAddress().getPort();

            UserFailure failure = pingFails(port, null);

            assertEquals("TLS with the registry 127.0.0.1:" + port + " failed: its certificate is signed by a CA that is not"
                    + " trusted here (trusting the JVM's CAs). Put the CA that signed its certificate in"
                    + " /etc/docker/certs.d/127.0.0.1:" + port + "/ca.crt or name it with <registryCa>.", failure.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerThatAnswersInPlainTextIsToldSo() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerPlainHttp(plain));
            server.start();

            UserFailure failure = pingFails(plain.getLocalPort(), certificates.resolve("right.pem"));

            assertEquals("The registry 127.0.0.1:" + plain.getLocalPort() + " answered in plain text, not TLS: it speaks plain"
                    + " HTTP on that port. Give its HTTPS port in <registry> (-Dturret.registry), or, only for a registry on a"
                    + " network you trust, set <plainHttp>true</plainHttp> (-Dturret.registry.plainHttp=true).",
                    failure.getMessage());
            server.join(10_000);
        }
    }

    /** What nginx without {@code ssl} answers to a TLS hello. */
    private static void answerPlainHttp(ServerSocket plain) {
        try (Socket client = plain.accept()) {
            client.getInputStream().read(new byte[512]);
            OutputStream out = client.getOutputStream();
            out.write(String.join("\r\n", List.of("HTTP/1.1 400 Bad Request", "Content-Type: text/html", "Content-Length: 0",
                    "Connection: close", "", "")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (java.io.IOException e) {
            // the client hung up first: the test's assertion tells
        }
    }
}
