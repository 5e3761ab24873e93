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
 * The CNCF distribution registry (Debian's docker-registry) on loopback, its storage the s3
 * driver on a bucket of {@link S3Server}: on plain HTTP behind nginx for {@link RegistryStack},
 * or with its own TLS and token auth for {@link TokenRegistryStack}.
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
        String http = "http:\n  addr: 127.0.0.1:" + port + "\n  secret: " + UUID.randomUUID() + "\n";
        return start(directory, s3, bucket, http, URI.create("http://127.0.0.1:" + port + "/v2/"), PLAIN_HTTP, port);
    }

    /**
     * The registry serving TLS itself (the CA's server certificate) with {@code auth: token}: it
     * accepts the JWTs {@code signer} makes, and sends clients to {@code realm} for them.
     */
    public static DistributionRegistry startWithTokenAuth(Path directory, S3Server s3, String bucket,
            CertificateAuthority ca, TokenSigner signer, URI realm) {
        int port = LoopbackPorts.free();
        String http = String.join("\n",
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  secret: " + UUID.randomUUID(),
                "  tls:",
                "    certificate: " + ca.serverCertificate(),
                "    key: " + ca.serverKey(),
                "auth:",
                "  token:",
                "    realm: " + realm,
                "    service: " + signer.service(),
                "    issuer: " + signer.issuer(),
                "    rootcertbundle: " + signer.certificate(),
                "");
        HttpClient tls = HttpClient.newBuilder().sslContext(ca.sslContext()).connectTimeout(Duration.ofSeconds(2)).build();
        return start(directory, s3, bucket, http, URI.create("https://127.0.0.1:" + port + "/v2/"), tls, port);
    }

    private static DistributionRegistry start(Path directory, S3Server s3, String bucket, String http, URI probe,
            HttpClient client, int port) {
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
                    "health:",
                    "  storagedriver:",
                    "    enabled: false",
                    "") + http);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + config, e);
        }
        // With AWS_CA_BUNDLE set (this machine exports it) the registry panics with LoadCustomCABundleError.
        ManagedProcess process = ManagedProcess.start("docker-registry",
                List.of("docker-registry", "serve", config.toString()),
                Map.of(), Set.of("AWS_CA_BUNDLE"), directory, directory.resolve("logs/registry.log"));
        DistributionRegistry registry = new DistributionRegistry(process, port);
        try {
            Wait.until("docker-registry on " + probe, Duration.ofSeconds(60), process, () -> answers(client, probe));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** 200, or 401 from a registry that wants a token: either way it serves. */
    private static boolean answers(HttpClient client, URI probe) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(probe).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 || response.statusCode() == 401;
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
