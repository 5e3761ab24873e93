package io.turret.it.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Docker engine the tests use. An engine that answers (found as the docker CLI finds it:
 * DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, else the local socket) is reused and never
 * restarted; where none answers on the local socket, Debian's docker.io is installed when
 * missing and dockerd started, and it keeps running for the next run.
 */
public final class DockerEngine {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static DockerEngine shared;

    private final DockerClient client;
    private final DockerHttpClient http;

    private DockerEngine(DockerClient client, DockerHttpClient http) {
        this.client = client;
        this.http = http;
    }

    /** An engine that answers {@code /_ping}, starting a local one when needed. */
    public static synchronized DockerEngine ensureRunning(Path logDirectory) {
        if (shared != null) {
            return shared;
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        DockerHttpClient http = transport(config);
        DockerClient client = DockerClientImpl.getInstance(config, http);
        if (!answers(client)) {
            if (System.getenv("DOCKER_HOST") != null) {
                throw new IllegalStateException("The Docker engine at DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                        + " does not answer; start it, or unset DOCKER_HOST to use a local engine.");
            }
            startLocalDaemon(logDirectory);
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!answers(client)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("dockerd did not answer /_ping within " + START_TIMEOUT.toSeconds()
                            + " s; see " + logDirectory.resolve("dockerd.log"));
                }
                sleep(250);
            }
        }
        shared = new DockerEngine(client, http);
        return shared;
    }

    public DockerClient client() {
        return client;
    }

    /**
     * Imports a root file system tarball as {@code repository:tag} ({@code docker import}).
     * docker-java's own CreateImageCmd cannot: 3.7.1 sends the stream JSON-encoded, and the
     * engine answers "unexpected EOF", so the request goes through its transport directly.
     */
    public void importImage(InputStream rootFileSystemTar, String repository, String tag) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/images/create?fromSrc=-&repo=" + URLEncoder.encode(repository, StandardCharsets.UTF_8)
                        + "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8))
                .putHeader("Content-Type", "application/x-tar")
                .body(rootFileSystemTar)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200 || answer.contains("\"error\"")) {
                throw new IllegalStateException("The engine refused the import of " + repository + ":" + tag + ": "
                        + response.getStatusCode() + " " + answer.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Import of " + repository + ":" + tag + " failed: " + e.getMessage(), e);
        }
    }

    private static DockerHttpClient transport(DockerClientConfig config) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(15))
                .maxConnections(16)
                .build();
    }

    private static boolean answers(DockerClient client) {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void startLocalDaemon(Path logDirectory) {
        DebianPackages.ensureCommands(List.of("dockerd"));
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("No Docker engine answers on /var/run/docker.sock and only root can start"
                    + " dockerd; start it (sudo systemctl start docker) or set DOCKER_HOST.");
        }
        try {
            Files.createDirectories(logDirectory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + logDirectory, e);
        }
        // setsid detaches the daemon from this JVM: it outlives the test run, like a system service.
        ManagedProcess.start("dockerd", List.of("setsid", Commands.locate("dockerd").toString()),
                Map.of(), Set.of(), logDirectory, logDirectory.resolve("dockerd.log"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dockerd", e);
        }
    }
}
