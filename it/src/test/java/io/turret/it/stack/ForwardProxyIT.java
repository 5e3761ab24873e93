package io.turret.it.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What goes through the forward proxy shows in its log; what does not, does not. */
@ExtendWith(TokenRegistryStackExtension.class)
class ForwardProxyIT {

    @Test
    void curlsTunnelToTheRegistryIsInTheProxysLog(TokenRegistryStack stack) {
        DebianPackages.ensureCommands(List.of("curl"));
        ForwardProxy proxy = stack.forwardProxy();

        String status = Commands.run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--proxy", proxy.url(),
                "--cacert", stack.certificateAuthority().certificate().toString(), stack.url() + "/v2/");

        assertEquals("401", status);
        assertTrue(proxy.connectTargets().contains(stack.address()), proxy.connectTargets().toString());
    }

    @Test
    void aJavaClientWithAnExplicitProxyGoesThroughItForRealmAndRegistry(TokenRegistryStack stack) throws Exception {
        ForwardProxy proxy = stack.forwardProxy();
        // ProxySelector.of proxies every host; the JDK's default selector would skip 127.0.0.1
        BearerHttp http = new BearerHttp(stack, HttpClient.newBuilder().proxy(ProxySelector.of(proxy.address())));

        String token = http.token(stack.reader(), "repository:it/proxied:pull");
        int status = http.send("GET", stack.url().resolve("/v2/it/proxied/tags/list"), token, null).statusCode();

        assertEquals(404, status);
        String realm = stack.tokens().realm().getAuthority();
        assertTrue(proxy.connectTargets().containsAll(List.of(realm, stack.address())), proxy.connectTargets().toString());
    }

    @Test
    void aProxyWithBasicAuthRefusesClientsWithoutItsCredentials(TokenRegistryStack stack) {
        DebianPackages.ensureCommands(List.of("curl"));
        try (ForwardProxy proxy = ForwardProxy.start(stack.directory(), "proxyuser", "proxysecret")) {
            String cacert = stack.certificateAuthority().certificate().toString();

            // curl fails when the tunnel is refused: "; true" keeps the code it printed
            String without = Commands.run("sh", "-c", "curl -s -o /dev/null -w '%{http_connect}' --proxy " + proxy.url()
                    + " --cacert " + cacert + " " + stack.url() + "/v2/; true");
            String with = Commands.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_connect} %{http_code}", "--proxy",
                    proxy.url(), "--proxy-user", "proxyuser:proxysecret", "--cacert", cacert, stack.url() + "/v2/");

            assertEquals("407", without);
            assertEquals("200 401", with);
        }
    }
}
