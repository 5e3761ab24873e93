package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.ForwardProxy;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * turret:check through a real forward proxy (tinyproxy on loopback): the registry and its token
 * realm are reached through the tunnels the proxy's own log shows, as settings.xml or
 * HTTPS_PROXY say; {@code <nonProxyHosts>} sends a host direct.
 */
@ExtendWith(TokenRegistryStackExtension.class)
class RegistryProxyIT {
    private static final String SERVICES = "<services><service><name>api</name><base>scratch</base></service></services>";

    private static Path settings(Path folder, TokenRegistryStack stack, String proxies) throws Exception {
        Path settings = folder.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <servers><server><id>%s</id><username>%s</username><password>%s</password></server></servers>
                  %s
                </settings>
                """.formatted(stack.address(), stack.pusher().name(), stack.pusher().password(), proxies));
        return settings;
    }

    private static List<String> tunnelsDuring(ForwardProxy proxy, Runnable run) {
        int before = proxy.connectTargets().size();
        run.run();
        List<String> after = proxy.connectTargets();
        return after.subList(before, after.size());
    }

    private static MavenRun.Result check(Path project, Path settings, Map<String, String> environment, TokenRegistryStack stack) {
        try {
            return MavenRun.run(project, environment, "-s", settings.toString(), "turret:check", "-Dsuffix=proxied",
                    "-Dturret.registry=" + stack.address());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSettingsProxyCarriesTheRegistryAndTheRealmAndNonProxyHostsGoDirect(TokenRegistryStack stack,
            @TempDir Path project) throws Exception {
        TurretPom.write(project, "proxied", SERVICES);
        ForwardProxy proxy = stack.forwardProxy();
        String proxies = "<proxies><proxy><id>corp</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host>"
                + "<port>" + proxy.port() + "</port>%s</proxy></proxies>";
        Path through = settings(Files.createDirectories(project.resolve("through")), stack, proxies.formatted(""));
        Path direct = settings(Files.createDirectories(project.resolve("direct")), stack,
                proxies.formatted("<nonProxyHosts>localhost|127.0.0.*</nonProxyHosts>"));

        MavenRun.Result[] result = new MavenRun.Result[1];
        List<String> tunnels = tunnelsDuring(proxy, () -> result[0] = check(project, through, Map.of(), stack));

        assertEquals(0, result[0].exitCode(), result[0].output());
        assertTrue(result[0].output().contains("through the proxy 127.0.0.1:" + proxy.port() + " (settings.xml <proxy> 'corp')"),
                result[0].output());
        assertTrue(tunnels.contains(stack.address()), "the registry through the proxy: " + tunnels);
        assertTrue(tunnels.contains(stack.tokens().realm().getAuthority()), "the realm through the proxy: " + tunnels);

        List<String> none = tunnelsDuring(proxy, () -> result[0] = check(project, direct, Map.of(), stack));

        assertEquals(0, result[0].exitCode(), result[0].output());
        assertEquals(List.of(), none, "nonProxyHosts sends loopback direct");
    }

    @Test
    void httpsProxyFromTheEnvironment(TokenRegistryStack stack, @TempDir Path project) throws Exception {
        TurretPom.write(project, "proxied", SERVICES);
        ForwardProxy proxy = stack.forwardProxy();
        Path plain = settings(project, stack, "");
        MavenRun.Result[] result = new MavenRun.Result[1];

        List<String> tunnels = tunnelsDuring(proxy, () -> result[0] = check(project, plain,
                Map.of("HTTPS_PROXY", proxy.url(), "NO_PROXY", "example.invalid"), stack));

        assertEquals(0, result[0].exitCode(), result[0].output());
        assertTrue(tunnels.contains(stack.address()), "the registry through the proxy: " + tunnels);
    }
}
