package io.turret.it.stack;

import io.turret.it.host.DebianPackages;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.host.ManagedProcess;
import io.turret.it.host.Wait;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forward proxy on loopback (Debian's tinyproxy), with its own port, configuration and log,
 * optionally asking for basic auth. Its log tells which requests went through it: tests assert
 * on {@link #connectTargets()}.
 *
 * <p>The JDK's default proxy selector skips {@code localhost} and {@code 127.*}
 * ({@code http.nonProxyHosts}) and Go clients (docker, skopeo) never proxy loopback: a client
 * sent through this proxy must be told so explicitly, or its traffic silently goes direct.
 */
public final class ForwardProxy implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("Request \\(file descriptor \\d+\\): (\\S+) (\\S+) HTTP/");

    private final ManagedProcess process;
    private final int port;
    private final Path log;

    private ForwardProxy(ManagedProcess process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A proxy that lets any loopback client through. */
    public static ForwardProxy start(Path directory) {
        return start(directory, null, null);
    }

    /** A proxy that wants {@code Proxy-Authorization: Basic} with this user and password. */
    public static ForwardProxy start(Path directory, String username, String password) {
        DebianPackages.ensureCommands(List.of("tinyproxy"));
        int port = LoopbackPorts.free();
        Path folder = directory.resolve("tinyproxy-" + port);
        Path log = folder.resolve("tinyproxy.log");
        Path config = folder.resolve("tinyproxy.conf");
        try {
            Files.createDirectories(folder);
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "Listen 127.0.0.1",
                    "Timeout 900",
                    "LogFile \"" + log + "\"",
                    // Connect is the level that logs each request line, CONNECT included
                    "LogLevel Connect",
                    "PidFile \"" + folder.resolve("tinyproxy.pid") + "\"",
                    "MaxClients 100",
                    "Allow 127.0.0.1",
                    "DisableViaHeader Yes",
                    username == null ? "" : "BasicAuth " + username + " " + password,
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write in " + folder, e);
        }
        ManagedProcess process = ManagedProcess.start("tinyproxy", List.of("tinyproxy", "-d", "-c", config.toString()),
                Map.of(), Set.of(), folder, folder.resolve("tinyproxy.out"));
        ForwardProxy proxy = new ForwardProxy(process, port, log);
        try {
            Wait.until("tinyproxy on 127.0.0.1:" + port, Duration.ofSeconds(20), process, () -> LoopbackPorts.accepts(port));
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** {@code http://127.0.0.1:PORT}, as {@code HTTPS_PROXY} wants it. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Every {@code HOST:PORT} a client opened a tunnel to ({@code CONNECT}), oldest first. */
    public List<String> connectTargets() {
        return requests().stream().filter(line -> line.startsWith("CONNECT ")).map(line -> line.substring(8)).toList();
    }

    /** Every request line the proxy received ({@code CONNECT 127.0.0.1:5000}, {@code GET http://...}). */
    public List<String> requests() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(REQUEST::matcher).filter(Matcher::find)
                    .map(match -> match.group(1) + " " + match.group(2))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + log, e);
        }
    }

    public Path log() {
        return log;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "tinyproxy on 127.0.0.1:" + port;
    }
}
