package io.turret.itest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** What makes a started container count as up. */
public interface WaitStrategy {
    /** What is waited for, as messages say it: "a log line matching 'Ready'". */
    String describe();

    /** Whether the container is up now; asked again until it is, or the timeout. */
    boolean isReady(Probe probe);

    /** Up as soon as it runs. */
    static WaitStrategy running() {
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "the container running";
            }

            @Override
            public boolean isReady(Probe probe) {
                return true;
            }
        };
    }

    static WaitStrategy forLogMessage(Pattern pattern) {
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "a log line matching '" + pattern.pattern() + "'";
            }

            @Override
            public boolean isReady(Probe probe) {
                return probe.logLines().stream().anyMatch(line -> pattern.matcher(line).find());
            }
        };
    }

    static WaitStrategy forListeningPort(int port) {
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "port " + port + " accepting connections";
            }

            @Override
            public boolean isReady(Probe probe) {
                return probe.hostAndPort(port).map(WaitStrategy::accepts).orElse(false);
            }
        };
    }

    static WaitStrategy forHttp(String path, int port, int status) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "HTTP " + status + " from GET " + path + " on port " + port;
            }

            @Override
            public boolean isReady(Probe probe) {
                Optional<String> address = probe.hostAndPort(port);
                if (address.isEmpty()) {
                    return false;
                }
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address.get() + path))
                            .timeout(Duration.ofSeconds(2)).build();
                    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        };
    }

    static WaitStrategy forHealthcheck() {
        return new WaitStrategy() {
            @Override
            public String describe() {
                return "its image's health check reporting healthy";
            }

            @Override
            public boolean isReady(Probe probe) {
                return probe.health().filter("healthy"::equals).isPresent();
            }
        };
    }

    private static boolean accepts(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
