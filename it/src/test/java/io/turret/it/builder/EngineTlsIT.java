package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.CertificateAuthority;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine address that fails the TLS handshake ends a real Maven run in one message naming the settings to check. */
class EngineTlsIT {
    @TempDir
    Path project;

    @TempDir
    Path certificates;

    @Test
    void aHandshakeFailureNamesDockerHostAndTheCertificates() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(certificates.resolve("ca"));
        Path certPath = Files.createDirectories(certificates.resolve("docker"));
        Files.copy(ca.certificate(), certPath.resolve("ca.pem"));
        Files.copy(ca.serverCertificate(), certPath.resolve("cert.pem"));
        Files.copy(ca.serverKey(), certPath.resolve("key.pem"));
        TurretPom.write(project, "engine-tls", "<threads>1</threads>");
        try (ServerSocket plainText = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerInPlainText(plainText), "plain-text-engine");
            answering.setDaemon(true);
            answering.start();
            String host = "tcp://127.0.0.1:" + plainText.getLocalPort();

            MavenRun.Result result = MavenRun.run(project, Map.of("DOCKER_HOST", host, "DOCKER_TLS_VERIFY", "1",
                    "DOCKER_CERT_PATH", certPath.toString()), "turret:build");

            assertNotEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("The Docker engine at " + host + " failed the TLS handshake ("), result.output());
            assertTrue(result.output().contains("DOCKER_CERT_PATH (" + certPath + ")"), result.output());
            assertFalse(result.output().contains("SSLException"), result.output());
            assertFalse(result.output().contains("\tat "), "a stack trace in:\n" + result.output());
        }
    }

    /** What a server that does not speak TLS does: answers the client's hello in plain HTTP. */
    private static void answerInPlainText(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                return;
            }
        }
    }
}
