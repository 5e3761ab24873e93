package io.turret.it.stack;

import io.turret.it.host.DebianPackages;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The private registry as production has it, on free loopback ports: an S3 server, the
 * distribution registry storing in a bucket of it, and nginx in front with TLS (a CA made for
 * this stack) and basic auth (a generated user). Each stack has its own folder, ports and
 * credentials, so several can run at once. Closing it stops everything; the logs stay in
 * {@link #logs()}.
 */
public final class RegistryStack implements AutoCloseable {
    public static final String WORKDIR_PROPERTY = "turret.it.workdir";
    public static final String BUCKET = "registry";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final StackParts parts = new StackParts();
    private CertificateAuthority ca;
    private S3Server s3;
    private DistributionRegistry registry;
    private TlsAuthProxy proxy;
    private final String username = "turret";
    private final String password = HexFormat.of().formatHex(RANDOM.generateSeed(12));

    private final boolean recordAuthorization;

    private RegistryStack(Path directory, boolean recordAuthorization) {
        this.directory = directory;
        this.recordAuthorization = recordAuthorization;
    }

    /** Starts a stack in a new folder under {@code -Dturret.it.workdir} (default {@code target/stacks}). */
    public static RegistryStack start() {
        return start(Path.of(System.getProperty(WORKDIR_PROPERTY, "target/stacks")));
    }

    /**
     * Starts a stack whose nginx also writes every request's {@code Authorization} header to
     * {@code proxy().authorizationLog()}: for tests that check which credential reached it.
     */
    public static RegistryStack startRecordingAuthorization() {
        return start(Path.of(System.getProperty(WORKDIR_PROPERTY, "target/stacks")), true);
    }

    public static RegistryStack start(Path parent) {
        return start(parent, false);
    }

    private static RegistryStack start(Path parent, boolean recordAuthorization) {
        DebianPackages.ensureCommands(List.of("docker-registry", "nginx", "htpasswd", "openssl"));
        RegistryStack stack = new RegistryStack(StackParts.newFolder(parent, "stack"), recordAuthorization);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + directory, e);
        }
        ca = CertificateAuthority.create(directory.resolve("tls"));
        s3 = parts.add(S3Server.start(directory));
        s3.createBucket(BUCKET);
        registry = parts.add(DistributionRegistry.start(directory, s3, BUCKET));
        proxy = parts.add(TlsAuthProxy.start(directory, ca, registry.port(), username, password, recordAuthorization));
        parts.trustInDocker(address(), ca.certificate());
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference. */
    public String address() {
        return "127.0.0.1:" + proxy.port();
    }

    public URI url() {
        return URI.create("https://" + address());
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public CertificateAuthority certificateAuthority() {
        return ca;
    }

    /** A TLS context that trusts only this stack's CA. */
    public SSLContext sslContext() {
        return ca.sslContext();
    }

    public S3Server s3() {
        return s3;
    }

    public String bucket() {
        return BUCKET;
    }

    /** The key prefix, in the bucket, of everything the registry stores. */
    public String storagePrefix() {
        return DistributionRegistry.ROOT_DIRECTORY.substring(1) + "/docker/registry/v2/";
    }

    public Path directory() {
        return directory;
    }

    public Path logs() {
        return directory.resolve("logs");
    }

    public TlsAuthProxy proxy() {
        return proxy;
    }

    public DistributionRegistry registry() {
        return registry;
    }

    /** True while every process of the stack runs. */
    public boolean isRunning() {
        return s3 != null && s3.process().isAlive() && registry != null && registry.process().isAlive()
                && proxy != null && proxy.process().isAlive();
    }

    @Override
    public void close() {
        parts.close();
    }

    @Override
    public String toString() {
        return "registry stack " + directory.getFileName() + (proxy == null ? "" : " at " + url());
    }
}
