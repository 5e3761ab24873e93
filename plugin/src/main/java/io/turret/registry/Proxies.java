package io.turret.registry;

import io.turret.config.SettingsProxy;
import io.turret.failure.UserFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The forward proxy the registry client goes through: the active settings.xml {@code <proxy>}
 * first, else {@code HTTPS_PROXY} (or {@code HTTP_PROXY} for a plain-HTTP registry), with the
 * hosts that go direct ({@code <nonProxyHosts>}, {@code NO_PROXY}). Unlike the JDK's default
 * selector, nothing else is skipped: a proxy given for {@code localhost} is used for it.
 */
public final class Proxies {
    /**
     * A proxy from the configuration, with where it came from for messages, and the user name and
     * password it wants ({@code Proxy-Authorization: Basic}); empty for none.
     */
    public record Choice(String host, int port, List<String> direct, String source, Optional<Login> login) {
        public Choice {
            direct = List.copyOf(direct);
        }

        public Choice(String host, int port, List<String> direct, String source) {
            this(host, port, direct, source, Optional.empty());
        }

        /** Whether requests to {@code target} go through this proxy. */
        public boolean carries(URI target) {
            return target.getHost() != null && !isDirect(target.getHost());
        }

        /** Whether {@code host} goes direct: an exact name, a {@code *.domain} or {@code .domain} suffix, or {@code *}. */
        public boolean isDirect(String target) {
            String name = target.toLowerCase(Locale.ROOT);
            for (String entry : direct) {
                String pattern = entry.strip().toLowerCase(Locale.ROOT);
                if (pattern.isEmpty()) {
                    continue;
                }
                if (pattern.equals("*") || pattern.equals(name)) {
                    return true;
                }
                String suffix = pattern.startsWith("*.") ? pattern.substring(1) : pattern.startsWith(".") ? pattern : null;
                if (suffix != null && (name.endsWith(suffix) || name.equals(suffix.substring(1)))) {
                    return true;
                }
                if (pattern.endsWith("*") && name.startsWith(pattern.substring(0, pattern.length() - 1))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return host + ":" + port + " (" + source + login.map(user -> ", as " + user.username()).orElse("") + ")";
        }
    }

    /** A proxy's user name and password. Its {@code toString} holds no password. */
    public record Login(String username, String password) {
        /** The value of a {@code Proxy-Authorization} header. */
        public String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return username;
        }
    }

    private Proxies() {
    }

    /**
     * The proxy for a registry reached over {@code scheme} ({@code https} or {@code http}); empty
     * for none. The settings.xml proxy whose protocol is the scheme wins, then any active one, then
     * the environment.
     */
    public static Optional<Choice> choose(String scheme, List<SettingsProxy> settings, Map<String, String> environment) {
        Optional<SettingsProxy> configured = settings.stream().filter(SettingsProxy::active)
                .filter(proxy -> scheme.equalsIgnoreCase(proxy.protocol())).findFirst()
                .or(() -> settings.stream().filter(SettingsProxy::active).findFirst());
        if (configured.isPresent()) {
            SettingsProxy proxy = configured.get();
            String source = "settings.xml <proxy> '" + proxy.id() + "'";
            Optional<Login> login = proxy.username() == null || proxy.username().isBlank() ? Optional.empty()
                    : Optional.of(new Login(proxy.username(), proxy.password() == null ? "" : proxy.password()));
            return Optional.of(new Choice(proxy.host(), proxy.port(), split(proxy.nonProxyHosts(), "\\|"), source, login));
        }
        String variable = scheme.equalsIgnoreCase("https") ? "HTTPS_PROXY" : "HTTP_PROXY";
        Optional<String> url = variable(environment, variable);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI proxy;
        try {
            proxy = URI.create(url.get().contains("://") ? url.get() : "http://" + url.get());
        } catch (IllegalArgumentException e) {
            proxy = URI.create("");
        }
        if (proxy.getHost() == null) {
            String withoutLogin = url.get().replaceAll("[^/@]*@", "");
            throw new UserFailure("The environment variable " + variable + " (" + withoutLogin + ") is no proxy address;"
                    + " write it as http://HOST:PORT.");
        }
        Optional<Login> login = Optional.ofNullable(proxy.getRawUserInfo()).map(Proxies::login);
        return Optional.of(new Choice(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort(),
                split(variable(environment, "NO_PROXY").orElse(""), ","), "the environment variable " + variable, login));
    }

    /** A selector that sends everything through {@code choice} but the hosts it names as direct. */
    public static ProxySelector selector(Choice choice) {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(choice.host(), choice.port()));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(uri.getHost() != null && choice.isDirect(uri.getHost()) ? Proxy.NO_PROXY : proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // the request fails and says so; there is no other proxy to try
            }
        };
    }

    /** {@code user:password} of a proxy URL, each part percent-decoded. */
    private static Login login(String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        return new Login(URLDecoder.decode(user.replace("+", "%2B"), StandardCharsets.UTF_8),
                URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).or(() -> Optional.ofNullable(environment.get(name.toLowerCase(
                Locale.ROOT)))).filter(value -> !value.isBlank());
    }

    private static List<String> split(String list, String separator) {
        List<String> entries = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(separator)) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
