package io.turret.it.stack;

import io.turret.it.stack.HttpWire.Head;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 reverse proxy on loopback that breaks what a test tells it to: it serves TLS with
 * the stack's CA in front of a registry, passes everything through unchanged ({@code Host}
 * included, so the registry's upload locations point back here), and applies the first armed
 * fault whose method and path (a regular expression matched against the path without its query)
 * fit a request.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final SSLContext upstreamTls;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "turret-fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private FaultProxy(ServerSocket server, InetSocketAddress upstream, SSLContext upstreamTls) {
        this.server = server;
        this.upstream = upstream;
        this.upstreamTls = upstreamTls;
    }

    /**
     * A proxy serving TLS with {@code ca}'s server certificate, forwarding to {@code upstream}
     * over TLS that trusts {@code upstreamTls}, or over plain HTTP when it is null.
     */
    public static FaultProxy start(CertificateAuthority ca, InetSocketAddress upstream, SSLContext upstreamTls) {
        try {
            ServerSocket server = ca.serverSslContext().getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(server, upstream, upstreamTls);
            proxy.threads.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the fault proxy: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image reference through this proxy. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** (a) Answers {@code status} (503, ...) to the next {@code times} matching requests, without forwarding them. */
    public void answer(int status, String method, String path, int times) {
        faults.add(new Fault(Kind.ANSWER, method, path, times, status, 0));
    }

    /** (d) Answers 429 with {@code Retry-After: seconds} to the next {@code times} matching requests. */
    public void tooManyRequests(String method, String path, int retryAfterSeconds, int times) {
        faults.add(new Fault(Kind.ANSWER, method, path, times, 429, retryAfterSeconds));
    }

    /** (b) Forwards the next {@code times} matching requests, then cuts the client off instead of answering (a lost 201). */
    public void loseResponse(String method, String path, int times) {
        faults.add(new Fault(Kind.LOSE_RESPONSE, method, path, times, 0, 0));
    }

    /**
     * (c) Resets both connections once {@code afterBytes} of the next matching request's body went
     * through; a request whose body is no longer than that does not match.
     */
    public void resetDuringBody(String method, String path, long afterBytes, int times) {
        faults.add(new Fault(Kind.RESET, method, path, times, 0, afterBytes));
    }

    /** Forwards the body of the next {@code times} matching requests at {@code bytesPerSecond}: a slow link. */
    public void slowBody(String method, String path, long bytesPerSecond, int times) {
        faults.add(new Fault(Kind.SLOW, method, path, times, 0, bytesPerSecond));
    }

    /** (e) Holds every matching request before forwarding it, until {@link Hold#release()}. */
    public Hold hold(String method, String path) {
        Fault fault = new Fault(Kind.HOLD, method, path, Integer.MAX_VALUE, 0, 0);
        faults.add(fault);
        return new Hold(fault);
    }

    /** Holds the next matching request until {@link Hold#release()}, then answers it {@code status} without forwarding it. */
    public Hold holdThenAnswer(int status, String method, String path) {
        Fault fault = new Fault(Kind.HOLD, method, path, 1, status, 0);
        faults.add(fault);
        return new Hold(fault);
    }

    /** Disarms every fault and releases every held request. */
    public void clearFaults() {
        faults.forEach(fault -> fault.release.countDown());
        faults.clear();
    }

    /** Every request seen so far, oldest first. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket up = null;
        InputStream upIn = null;
        OutputStream upOut = null;
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                Head request = Head.read(in);
                if (request == null) {
                    return;
                }
                String method = request.part(0);
                String target = request.part(1);
                if (request.has("Expect", "100-continue")) {
                    // answered here so that the body can be copied before the registry's answer is read
                    request.remove("Expect");
                    Head.response(100, "Continue", List.of()).write(out);
                }
                Fault fault = armed(method, target, request.header("Content-Length"));
                Kind kind = fault == null ? Kind.NONE : fault.kind;
                if (kind == Kind.HOLD) {
                    fault.held.incrementAndGet();
                    fault.release.await();
                }
                if (kind == Kind.ANSWER || kind == Kind.HOLD && fault.status != 0) {
                    HttpWire.copyRequestBody(request, in, OutputStream.nullOutputStream());
                    List<String[]> headers = fault.status == 429
                            ? List.of(new String[] {"Retry-After", String.valueOf(fault.amount)}, new String[] {"Content-Length", "0"})
                            : List.<String[]>of(new String[] {"Content-Length", "0"});
                    Head.response(fault.status, "Injected", headers).write(out);
                    exchanges.add(new Exchange(method, target, fault.status, kind));
                    continue;
                }
                if (up == null) {
                    up = connectUpstream();
                    upIn = new BufferedInputStream(up.getInputStream());
                    upOut = up.getOutputStream();
                }
                request.write(upOut);
                if (kind == Kind.RESET) {
                    try {
                        HttpWire.copyRequestBody(request, in, new FaultStreams.CutAfter(upOut, fault.amount));
                    } catch (FaultStreams.CutAfter.Cut cut) {
                        exchanges.add(new Exchange(method, target, -1, kind));
                        reset(client);
                        reset(up);
                        return;
                    }
                } else {
                    HttpWire.copyRequestBody(request, in, kind == Kind.SLOW ? new FaultStreams.Throttled(upOut, fault.amount) : upOut);
                }
                Head response = Head.read(upIn);
                if (response == null) {
                    throw new IOException("the registry closed the connection without answering " + method + " " + target);
                }
                if (kind == Kind.LOSE_RESPONSE) {
                    HttpWire.copyResponseBody(method, response, upIn, OutputStream.nullOutputStream());
                    exchanges.add(new Exchange(method, target, response.status(), kind));
                    reset(client);
                    return;
                }
                response.write(out);
                boolean delimited = HttpWire.copyResponseBody(method, response, upIn, out);
                exchanges.add(new Exchange(method, target, response.status(), kind));
                if (!delimited || response.has("Connection", "close") || request.has("Connection", "close")) {
                    return;
                }
            }
        } catch (IOException e) {
            // a client or the registry went away: nothing to answer to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
            if (up != null) {
                try {
                    up.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private Socket connectUpstream() throws IOException {
        Socket socket = upstreamTls == null ? new Socket()
                : upstreamTls.getSocketFactory().createSocket();
        socket.connect(upstream, 5000);
        socket.setSoTimeout((int) Duration.ofMinutes(15).toMillis());
        return socket;
    }

    private Fault armed(String method, String target, String contentLength) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        for (Fault fault : faults) {
            // a reset after N bytes is for bodies longer than that: a shorter one would pass whole and waste it
            boolean tooShort = fault.kind == Kind.RESET && contentLength != null && Long.parseLong(contentLength) <= fault.amount;
            if (fault.method.equals(method) && fault.path.matcher(path).matches() && !tooShort && fault.take()) {
                return fault;
            }
        }
        return null;
    }

    /** Closes with a TCP reset rather than an orderly close. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // gone already: as good as reset
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // a held request dies with its connection, never forwarded: a test that killed its client while the request
        // was held must find the registry without it
        threads.shutdownNow();
        open.forEach(FaultProxy::reset);
        clearFaults();
    }

    @Override
    public String toString() {
        return "fault proxy on " + address();
    }

    /** What happened to a request: the registry's (or an injected) status, -1 when none reached the client. */
    public record Exchange(String method, String target, int status, Kind fault) {
    }

    public enum Kind { NONE, ANSWER, LOSE_RESPONSE, RESET, SLOW, HOLD }

    /** Requests held by {@link #hold}: wait for them to arrive, then let them through. */
    public static final class Hold {
        private final Fault fault;

        private Hold(Fault fault) {
            this.fault = fault;
        }

        /** Waits until at least {@code count} requests are held; false on timeout. */
        public boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (fault.held.get() < count) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        public int held() {
            return fault.held.get();
        }

        /** Lets the held requests, and every later one, through. */
        public void release() {
            fault.remaining.set(0);
            fault.release.countDown();
        }
    }

    private static final class Fault {
        final Kind kind;
        final String method;
        final Pattern path;
        final AtomicInteger remaining;
        final int status;
        final long amount;
        final AtomicInteger held = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        Fault(Kind kind, String method, String path, int times, int status, long amount) {
            this.kind = kind;
            this.method = method;
            this.path = Pattern.compile(path);
            this.remaining = new AtomicInteger(times);
            this.status = status;
            this.amount = amount;
        }

        boolean take() {
            return remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
        }
    }
}
