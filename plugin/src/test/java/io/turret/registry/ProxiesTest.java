package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.config.SettingsProxy;
import io.turret.failure.UserFailure;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    private static final SettingsProxy SETTINGS = new SettingsProxy("corp", true, "http", "proxy.corp", 3128,
            "*.internal|registry.local", null, null);

    @Test
    void theActiveSettingsProxyWinsOverTheEnvironment() {
        Optional<Proxies.Choice> choice = Proxies.choose("https", List.of(
                new SettingsProxy("off", false, "https", "off.corp", 1, null, null, null), SETTINGS),
                Map.of("HTTPS_PROXY", "http://env.corp:8080"));

        assertEquals("proxy.corp:3128 (settings.xml <proxy> 'corp')", choice.orElseThrow().toString());
        assertTrue(choice.get().isDirect("registry.local"));
        assertTrue(choice.get().isDirect("harbor.internal"));
        assertFalse(choice.get().isDirect("127.0.0.1"), "loopback is proxied when the configuration says so");
    }

    @Test
    void theEnvironmentGivesTheProxyAndNoProxyItsExceptions() {
        Proxies.Choice choice = Proxies.choose("https", List.of(), Map.of("https_proxy", "http://127.0.0.1:8888",
                "NO_PROXY", "localhost,.corp.example, 10.0.0.1")).orElseThrow();

        assertEquals("127.0.0.1:8888 (the environment variable HTTPS_PROXY)", choice.toString());
        assertTrue(choice.isDirect("registry.corp.example"));
        assertTrue(choice.isDirect("corp.example"));
        assertTrue(choice.isDirect("10.0.0.1"));
        assertFalse(choice.isDirect("127.0.0.1"));
        Proxy proxy = Proxies.selector(choice).select(URI.create("https://127.0.0.1:5000/v2/")).get(0);
        assertEquals(8888, ((InetSocketAddress) proxy.address()).getPort());
        assertEquals(Proxy.NO_PROXY, Proxies.selector(choice).select(URI.create("https://localhost:5000/v2/")).get(0));
    }

    @Test
    void noProxyConfiguredMeansDirect() {
        assertEquals(Optional.empty(), Proxies.choose("https", List.of(), Map.of("HTTP_PROXY", "http://only.for.http:1")));
    }

    @Test
    void aProxyLoginComesFromTheSettingsOrTheUrlAndNeverShowsItsPassword() {
        Proxies.Choice settings = Proxies.choose("https", List.of(new SettingsProxy("corp", true, "https", "proxy.corp",
                3128, null, "alice", "pa:ss")), Map.of()).orElseThrow();
        Proxies.Choice url = Proxies.choose("https", List.of(), Map.of("HTTPS_PROXY", "http://bob:p%40ss+w@proxy.corp:3128"))
                .orElseThrow();

        assertEquals(new Proxies.Login("alice", "pa:ss"), settings.login().orElseThrow());
        assertEquals(new Proxies.Login("bob", "p@ss+w"), url.login().orElseThrow());
        assertEquals("proxy.corp:3128 (settings.xml <proxy> 'corp', as alice)", settings.toString());
        assertFalse(url.toString().contains("p@ss"), url.toString());
        UserFailure bad = assertThrows(UserFailure.class, () -> Proxies.choose("https",
                List.of(), Map.of("HTTPS_PROXY", "http://bob:secret@")));
        assertFalse(bad.getMessage().contains("secret"), bad.getMessage());
    }

    @Test
    void theLoginGoesOnlyOnRequestsThroughTheProxy() {
        Proxies.Choice choice = Proxies.choose("https", List.of(new SettingsProxy("corp", true, "https", "proxy.corp",
                3128, "registry.local", "alice", "secret")), Map.of()).orElseThrow();
        HttpRequest proxied = HttpRequest.newBuilder(URI.create("https://harbor.corp/v2/")).GET().build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create("https://registry.local/v2/")).GET().build();

        assertEquals(Optional.of("Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8))),
                ProxyLogins.withLogin(proxied, Optional.of(choice)).headers().firstValue("Proxy-Authorization"));
        assertEquals(Optional.empty(), ProxyLogins.withLogin(direct, Optional.of(choice)).headers()
                .firstValue("Proxy-Authorization"));
    }
}
