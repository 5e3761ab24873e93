package io.turret.it.stack;

import io.turret.it.host.LoopbackPorts;
import io.turret.it.host.ManagedProcess;
import io.turret.it.host.Wait;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CNCF distribution registry (Debian's docker-registry) on plain HTTP on loopback, its
 * storage the s3 driver on a bucket of {@link S3Server}. Only nginx talks to it.
 */
public final class DistributionRegistry implements AutoCloseable {
    /** The folder inside the bucket under which the registry keeps everything. */
    public static final String ROOT_DIRECTORY = "/registry";

    private static final HttpClient PLAIN_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    private DistributionRegistry(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DistributionRegistry start(Path directory, S3Server s3, String bucket) {
        int port = LoopbackPorts.free();
        Path config = directory.resolve("registry.yml");
        try {
            Files.writeString(config, String.join("\n",
                    "version: 0.1",
                    "log:",
                    "  level: info",
                    "storage:",
                    "  s3:",
                    "    accesskey: " + s3.accessKey(),
                    "    secretkey: " + s3.secretKey(),
                    "    region: " + S3Server.REGION,
                    "    regionendpoint: " + s3.endpoint(),
                    "    forcepathstyle: true",
                    "    secure: false",
                    "    v4auth: true",
                    "    bucket: " + bucket,
                    "    rootdirectory: " + ROOT_DIRECTORY,
                    "  delete:",
                    "    enabled: true",
                    "  maintenance:",
                    "    uploadpurging:",
                    "      enabled: false",
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    "  secret: " + UUID.randomUUID(),
                    "health:",
                    "  storagedriver:",
                    "    enabled: false",
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + config, e);
        }
        // With AWS_CA_BUNDLE set (this machine exports it) the registry panics with LoadCustomCABundleError.
        ManagedProcess process = ManagedProcess.start("docker-registry",
                List.of("docker-registry", "serve", config.toString()),
                Map.of(), Set.of("AWS_CA_BUNDLE"), directory, directory.resolve("logs/registry.log"));
        DistributionRegistry registry = new DistributionRegistry(process, port);
        try {
            Wait.until("docker-registry on 127.0.0.1:" + port, Duration.ofSeconds(60), process, registry::answers);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = PLAIN_HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
