package io.turret.it.stack;

import io.turret.it.host.LoopbackPorts;
import io.turret.it.host.ManagedProcess;
import io.turret.it.host.Wait;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server on loopback: s3proxy (from Maven Central) with its filesystem backend in a folder
 * of the stack, signature v2/v4 authentication with a generated key pair.
 */
public final class S3Server implements AutoCloseable {
    /** Where the it module's build copies s3proxy's jar-with-dependencies. */
    public static final String JAR_PROPERTY = "turret.it.s3proxy.jar";
    public static final String REGION = "us-east-1";

    private final ManagedProcess process;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final S3Client client;

    private S3Server(ManagedProcess process, URI endpoint, String accessKey, String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static S3Server start(Path directory) {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy's jar is not at " + jar + "; build the it module first"
                    + " (mvn -pl it -am verify copies it there) or set -D" + JAR_PROPERTY + "=PATH.");
        }
        int port = LoopbackPorts.free();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String accessKey = "turret" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = UUID.randomUUID().toString();
        Path data = directory.resolve("s3-data");
        Path properties = directory.resolve("s3proxy.properties");
        try {
            Files.createDirectories(data);
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data,
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + directory, e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess process = ManagedProcess.start("s3proxy",
                List.of(java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString()),
                Map.of(), Set.of(), directory, directory.resolve("logs/s3proxy.log"));
        S3Server server = new S3Server(process, endpoint, accessKey, secretKey);
        try {
            Wait.until("s3proxy on " + endpoint, Duration.ofSeconds(60), process, server::answers);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private boolean answers() {
        try {
            client.listBuckets();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void createBucket(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** An S3 API client of this server, for tests that check what landed in the bucket. */
    public S3Client client() {
        return client;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }
}
