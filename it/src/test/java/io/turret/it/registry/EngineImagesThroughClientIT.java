package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.secrets.SecretForms;
import io.turret.it.stack.ForwardProxy;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.StackImages;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder image that only the token registry holds is fetched by Turret's own client, through a
 * forward proxy that wants a login (tinyproxy with Basic auth, from settings.xml), and loaded into
 * the engine: the Docker engine knows neither the proxy nor the credential, so the proxy's log
 * showing the registry and the realm is Turret's doing.
 */
@ExtendWith({TokenRegistryStackExtension.class, RegistryStackExtension.class})
class EngineImagesThroughClientIT {
    private static final String PROXY_USER = "corp-user";

    private static String settings(TokenRegistryStack stack, ForwardProxy proxy, String proxyPassword) {
        return """
                <settings>
                  <servers>
                    <server><id>%s</id><username>%s</username><password>%s</password></server>
                  </servers>
                  <proxies>
                    <proxy><id>corp</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host>
                      <port>%d</port><username>%s</username><password>%s</password></proxy>
                  </proxies>
                </settings>
                """.formatted(stack.address(), stack.reader().name(), stack.reader().password(), proxy.port(), PROXY_USER,
                proxyPassword);
    }

    /** An image of its own (a label on the Python base), so that the engine holds none of it once its name is gone. */
    private static String uniqueBuilderImage(TokenRegistryStack stack, DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        String container = docker.createContainerCmd(SampleBaseImages.PYTHON.reference()).withCmd("true").exec().getId();
        String tag = "b" + UUID.randomUUID().toString().substring(0, 8);
        try {
            String id = docker.commitCmd(container).withLabels(Map.of("it.unique", tag)).exec();
            String image = StackImages.pushOnlyTo(stack.address(), stack.pusher().name(), stack.pusher().password(), docker,
                    id, "tools/python", tag);
            // pushOnlyTo removed its only name, and with it the image
            assertFalse(inEngine(docker, id), "the engine keeps none of " + image);
            return image;
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
    }

    private static boolean inEngine(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void aBuilderImageComesThroughTheProxyWithItsLoginAndTheRegistrysToken(TokenRegistryStack stack, DockerClient docker,
            @TempDir Path project) throws Exception {
        String image = uniqueBuilderImage(stack, docker);
        assertFalse(inEngine(docker, image), "only the registry has it");
        Files.createDirectories(project.resolve("src"));
        TurretPom.write(project, "pulled-builder", """
                <builders>
                  <builder>
                    <name>py</name>
                    <image>%s</image>
                    <sources><source>src</source></sources>
                    <script>python3 -c 'print("built with the pulled image")'</script>
                  </builder>
                </builders>
                """.formatted(image));
        String proxyPassword = "proxy-" + UUID.randomUUID();
        try (ForwardProxy proxy = ForwardProxy.start(project.resolve("proxy"), PROXY_USER, proxyPassword)) {
            Path wrong = Files.writeString(project.resolve("wrong-settings.xml"), settings(stack, proxy, "not-" + proxyPassword));
            Path right = Files.writeString(project.resolve("settings.xml"), settings(stack, proxy, proxyPassword));

            MavenRun.Result refused = MavenRun.run(project, "-s", wrong.toString(), "turret:build");
            MavenRun.Result result = MavenRun.run(project, "-s", right.toString(), "turret:build");

            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("The proxy 127.0.0.1:" + proxy.port() + " (settings.xml <proxy> 'corp', as "
                    + PROXY_USER + ") refused the login of " + PROXY_USER + " (HTTP 4"), refused.output());
            assertFalse(refused.output().contains("\tat "), "no stack trace: " + refused.output());

            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("built with the pulled image"), result.output());
            assertFalse(result.output().contains("asking the Docker engine to pull"), result.output());
            assertTrue(inEngine(docker, image), "loaded into the engine under its name");
            List<String> tunnels = proxy.connectTargets();
            assertTrue(tunnels.contains(stack.address()), "the registry through the proxy: " + tunnels);
            assertTrue(tunnels.contains(stack.tokens().realm().getAuthority()), "the realm through the proxy: " + tunnels);
            assertTrue(stack.tokens().requestsBy(stack.reader().name()).stream()
                    .anyMatch(request -> request.scopes().contains("repository:tools/python:pull")), "a token to pull");
            for (String output : List.of(refused.output(), result.output())) {
                for (String secret : List.of(proxyPassword, stack.reader().password())) {
                    for (String form : SecretForms.of(PROXY_USER, secret)) {
                        assertFalse(output.contains(form), "a form of a secret in the output: " + form);
                    }
                }
            }
        } finally {
            if (inEngine(docker, image)) {
                docker.removeImageCmd(image).withForce(true).exec();
            }
        }
    }
}
