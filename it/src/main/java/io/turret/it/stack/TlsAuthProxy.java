package io.turret.it.stack;

import io.turret.it.host.Commands;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.host.ManagedProcess;
import io.turret.it.host.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nginx in front of the registry, as production has it: TLS with the test CA's server
 * certificate, basic auth from an htpasswd file (bcrypt), no body size limit.
 */
public final class TlsAuthProxy implements AutoCloseable {
    private final ManagedProcess process;
    private final int port;
    private final Path accessLog;
    private final Path refusals;

    private TlsAuthProxy(ManagedProcess process, int port, Path accessLog, Path refusals) {
        this.process = process;
        this.port = port;
        this.accessLog = accessLog;
        this.refusals = refusals;
    }

    public static TlsAuthProxy start(Path directory, CertificateAuthority ca, int registryPort, String username,
            String password) {
        return start(directory, ca, registryPort, username, password, false);
    }

    /**
     * @param recordAuthorization also writes each request's {@code Authorization} header, as sent, to
     *     {@link #authorizationLog()}: for tests that check which credential reached this registry
     */
    public static TlsAuthProxy start(Path directory, CertificateAuthority ca, int registryPort, String username,
            String password, boolean recordAuthorization) {
        int port = LoopbackPorts.free();
        Path htpasswd = directory.resolve("htpasswd");
        Path logs = directory.resolve("logs");
        Path accessLog = logs.resolve("nginx-access.log");
        Path config = directory.resolve("nginx.conf");
        Commands.run(List.of("htpasswd", "-i", "-B", "-c", htpasswd.toString(), username), password);
        try {
            Files.createDirectories(directory.resolve("nginx-temp"));
            Files.createDirectories(logs);
            Files.writeString(config, configuration(directory, ca, port, accessLog,
                    recordAuthorization ? authorizationLog(directory) : null));
            Files.writeString(directory.resolve("nginx-registry.conf"), registryLocation(htpasswd, registryPort));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + directory, e);
        }
        ManagedProcess process = ManagedProcess.start("nginx",
                List.of("nginx", "-p", directory.toString(), "-c", config.toString(),
                        "-e", logs.resolve("nginx-error.log").toString()),
                Map.of(), Set.of(), directory, logs.resolve("nginx.log"));
        TlsAuthProxy proxy = new TlsAuthProxy(process, port, accessLog, directory.resolve("refuse-manifests"));
        try {
            Wait.until("nginx on 127.0.0.1:" + port, Duration.ofSeconds(30), process, () -> LoopbackPorts.accepts(port));
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    private static String configuration(Path directory, CertificateAuthority ca, int port, Path accessLog,
            Path authorizationLog) {
        Path temp = directory.resolve("nginx-temp");
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String authorization = authorizationLog == null ? "" : """
                  log_format authorization '$request_method $request_uri $http_authorization';
                  access_log %s authorization;
                """.formatted(authorizationLog);
        return user + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 512; }
                http {
                  access_log %2$s;
                %7$s
                  client_body_temp_path %3$s/body;
                  proxy_temp_path %3$s/proxy;
                  fastcgi_temp_path %3$s/fastcgi;
                  uwsgi_temp_path %3$s/uwsgi;
                  scgi_temp_path %3$s/scgi;
                  server {
                    listen 127.0.0.1:%4$d ssl;
                    server_name localhost;
                    ssl_certificate %5$s;
                    ssl_certificate_key %6$s;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    client_max_body_size 0;
                    chunked_transfer_encoding on;
                    # a test refuses one repository's manifests by creating refuse-manifests/REPOSITORY
                    location ~ ^/v2/(?<repository>.+)/manifests/ {
                      if (-f %1$s/refuse-manifests/$repository) {
                        return 403;
                      }
                      include %1$s/nginx-registry.conf;
                    }
                    location /v2/ {
                      include %1$s/nginx-registry.conf;
                    }
                  }
                }
                """.formatted(directory, accessLog, temp, port, ca.serverCertificate(), ca.serverKey(), authorization);
    }

    /** What every location in front of the registry does: basic auth, then the registry. */
    private static String registryLocation(Path htpasswd, int registryPort) {
        return """
                auth_basic "Turret test registry";
                auth_basic_user_file %s;
                add_header Docker-Distribution-Api-Version registry/2.0 always;
                proxy_pass http://127.0.0.1:%d;
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_request_buffering off;
                proxy_read_timeout 900;
                """.formatted(htpasswd, registryPort);
    }

    /** From now on, nginx answers 403 to every request for a manifest of {@code repository}. */
    public void refuseManifestsOf(String repository) {
        try {
            Path marker = refusals.resolve(repository);
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "refused by a test\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + refusals, e);
        }
    }

    public void allowManifestsOf(String repository) {
        try {
            Files.deleteIfExists(refusals.resolve(repository));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + refusals, e);
        }
    }

    public int port() {
        return port;
    }

    /** nginx's access log: one line per request, for tests that count uploads. */
    public Path accessLog() {
        return accessLog;
    }

    /** Each request's method, URI and {@code Authorization} header ({@code -} when none), when recorded. */
    public Path authorizationLog() {
        return authorizationLog(accessLog.getParent().getParent());
    }

    private static Path authorizationLog(Path directory) {
        return directory.resolve("logs/nginx-authorization.log");
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
