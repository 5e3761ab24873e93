package io.turret.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    private static final Proxies.SettingsProxy SETTINGS = new Proxies.SettingsProxy("corp", true, "http", "proxy.corp", 3128,
            "*.internal|registry.local", false);

    @Test
    void theActiveSettingsProxyWinsOverTheEnvironment() {
        Optional<Proxies.Choice> choice = Proxies.choose("https", List.of(
                new Proxies.SettingsProxy("off", false, "https", "off.corp", 1, null, false), SETTINGS),
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
}
