package io.turret.registry;

import io.turret.failure.UserFailure;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxy's login, sent as {@code Proxy-Authorization: Basic} on every request that goes through
 * it: the JDK's client puts that header on the {@code CONNECT} of an HTTPS tunnel and keeps it out
 * of the tunnel, so the registry never sees it. An {@code Authenticator} would do the same but
 * makes the client drop our own {@code Authorization} headers, which the registry needs.
 */
final class ProxyLogins {
    /** The JDK property that lists the schemes a tunnel's {@code CONNECT} may not use; Basic by default. */
    static final String TUNNEL_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";
    private static final Pattern TUNNEL_REFUSED = Pattern.compile("Tunnel failed, got: (401|407)");

    private ProxyLogins() {
    }

    /**
     * Lets Basic through on tunnels, unless the JVM was told otherwise. The JDK reads the property
     * once, when its HTTP client is first used in this JVM, so this must come before.
     */
    static void allowBasicForTunnels() {
        if (System.getProperty(TUNNEL_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNEL_DISABLED_SCHEMES, "");
        }
    }

    /** The request with the proxy's login, when it goes through a proxy that has one. */
    static HttpRequest withLogin(HttpRequest request, Optional<Proxies.Choice> proxy) {
        Optional<Proxies.Login> login = proxy.filter(choice -> choice.carries(request.uri())).flatMap(Proxies.Choice::login);
        if (login.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).setHeader("Proxy-Authorization", login.get().basic())
                .build();
    }

    /** The response, unless the proxy refused the request for want of a (right) login: then the message that says so. */
    static <T> HttpResponse<T> requireAccepted(HttpResponse<T> response, Optional<Proxies.Choice> proxy) {
        if (response.statusCode() == 407 && proxy.isPresent()) {
            throw refused(proxy.get(), 407);
        }
        return response;
    }

    /**
     * The message for a tunnel the proxy refused to open for want of a (right) login: the JDK fails
     * such a {@code CONNECT} with "Tunnel failed, got: 407" (or 401, as tinyproxy answers).
     */
    static Optional<UserFailure> tunnelRefused(IOException failure, Optional<Proxies.Choice> proxy) {
        Matcher refusal = TUNNEL_REFUSED.matcher(String.valueOf(failure.getMessage()));
        if (proxy.isEmpty() || !refusal.find()) {
            return Optional.empty();
        }
        return Optional.of(refused(proxy.get(), Integer.parseInt(refusal.group(1))));
    }

    private static UserFailure refused(Proxies.Choice choice, int status) {
        if (choice.login().isEmpty()) {
            return new UserFailure("The proxy " + choice + " wants a user name and password (HTTP " + status + "). Give them"
                    + " as <username> and <password> of the settings.xml <proxy>, or as http://USER:PASSWORD@HOST:PORT in"
                    + " HTTPS_PROXY.");
        }
        // the JDK may have read its property before this run set it (another plugin's client in this JVM)
        return new UserFailure("The proxy " + choice + " refused the login of " + choice.login().get().username()
                + " (HTTP " + status + "). Fix the user name or password in " + choice.source() + "; if they are right,"
                + " Java kept Basic off the HTTPS tunnel: add -D" + TUNNEL_DISABLED_SCHEMES + "= to MAVEN_OPTS.");
    }
}
