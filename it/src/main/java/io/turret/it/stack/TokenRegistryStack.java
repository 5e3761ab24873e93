package io.turret.it.stack;

import io.turret.it.host.DebianPackages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A registry with token authentication, as Harbor, GitLab or a distribution registry set up by a
 * team have it, on free loopback ports: an S3 server, the distribution registry storing in a
 * bucket of it with its own TLS (a CA made for this stack) and {@code auth: token}, the
 * {@link TokenServer} it sends clients to, and a {@link FaultProxy} in front of it. Two users
 * exist: {@link #pusher()} may pull, push and delete everywhere, {@link #reader()} may only pull.
 * The CA is written to {@code /etc/docker/certs.d/} for the registry's and the fault proxy's
 * address. A forward proxy starts on first use of {@link #forwardProxy()}. Closing it stops
 * everything; the logs stay in {@link #logs()}.
 */
public final class TokenRegistryStack implements AutoCloseable {
    public static final String SERVICE = "turret-test-registry";
    public static final String ISSUER = "turret-test-token-server";
    private static final String BUCKET = "registry";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final StackParts parts = new StackParts();
    private final User pusher = new User("pusher", secret());
    private final User reader = new User("reader", secret());
    private CertificateAuthority ca;
    private S3Server s3;
    private TokenServer tokens;
    private DistributionRegistry registry;
    private FaultProxy faults;
    private ForwardProxy forwardProxy;

    private TokenRegistryStack(Path directory) {
        this.directory = directory;
    }

    /** Starts a stack in a new folder under {@code -Dturret.it.workdir} (default {@code target/stacks}). */
    public static TokenRegistryStack start() {
        return start(Path.of(System.getProperty(RegistryStack.WORKDIR_PROPERTY, "target/stacks")));
    }

    public static TokenRegistryStack start(Path parent) {
        DebianPackages.ensureCommands(List.of("docker-registry", "openssl"));
        TokenRegistryStack stack = new TokenRegistryStack(StackParts.newFolder(parent, "token-stack"));
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
        try {
            Files.createDirectories(certificateDirectory());
            Files.copy(ca.certificate(), certificateDirectory().resolve("ca.crt"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + directory, e);
        }
        TokenSigner signer = TokenSigner.create(directory.resolve("token"), ISSUER, SERVICE);
        tokens = parts.add(TokenServer.start(ca, signer));
        tokens.access().addUser(pusher.name(), pusher.password());
        tokens.access().grant(pusher.name(), "*", "pull", "push", "delete");
        tokens.access().addUser(reader.name(), reader.password());
        tokens.access().grant(reader.name(), "*", "pull");
        s3 = parts.add(S3Server.start(directory));
        s3.createBucket(BUCKET);
        registry = parts.add(DistributionRegistry.startWithTokenAuth(directory, s3, BUCKET, ca, signer, tokens.realm()));
        faults = parts.add(FaultProxy.start(ca, new InetSocketAddress("127.0.0.1", registry.port()), ca.sslContext()));
        parts.trustInDocker(address(), ca.certificate());
        parts.trustInDocker(faults.address(), ca.certificate());
    }

    /** A user and a new password, with no rights until {@code access().grant(...)}. */
    public User addUser(String name) {
        User user = new User(name, secret());
        tokens.access().addUser(user.name(), user.password());
        return user;
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference. */
    public String address() {
        return "127.0.0.1:" + registry.port();
    }

    public URI url() {
        return URI.create("https://" + address());
    }

    /** May pull, push and delete in every repository. */
    public User pusher() {
        return pusher;
    }

    /** May only pull. */
    public User reader() {
        return reader;
    }

    public TokenServer tokens() {
        return tokens;
    }

    /** The fault proxy in front of the registry; {@code faults().address()} is the registry through it. */
    public FaultProxy faults() {
        return faults;
    }

    /** A forward proxy (tinyproxy) on loopback, started on first use and stopped with the stack. */
    public synchronized ForwardProxy forwardProxy() {
        if (forwardProxy == null) {
            forwardProxy = parts.add(ForwardProxy.start(directory));
        }
        return forwardProxy;
    }

    public CertificateAuthority certificateAuthority() {
        return ca;
    }

    /** A folder holding only {@code ca.crt}: what {@code skopeo --cert-dir} and Docker's certs.d want. */
    public Path certificateDirectory() {
        return directory.resolve("ca");
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

    public DistributionRegistry registry() {
        return registry;
    }

    /** The registry's log, one access-log line per request among its own lines. */
    public Path registryLog() {
        return registry.process().log();
    }

    /** The requests the registry logged so far, oldest first. */
    public List<RegistryAccessLog.Request> registryRequests() {
        return RegistryAccessLog.read(registryLog());
    }

    public Path directory() {
        return directory;
    }

    public Path logs() {
        return directory.resolve("logs");
    }

    @Override
    public void close() {
        parts.close();
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "token registry stack " + directory.getFileName() + (registry == null ? "" : " at " + url());
    }

    /** A user of the token server. */
    public record User(String name, String password) {
        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }
}
