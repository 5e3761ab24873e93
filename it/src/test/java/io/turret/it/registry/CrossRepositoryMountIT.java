package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.RegistryAccessLog;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services on one base: turret:release uploads the base's layers once, into the first
 * service's repository, and the registry mounts them into the second (counted from its own log).
 */
@ExtendWith(TokenRegistryStackExtension.class)
class CrossRepositoryMountIT {

    @Test
    void aSecondServiceOnTheSameBaseUploadsNoneOfItsLayers(TokenRegistryStack stack, @TempDir Path project,
            @TempDir Path maven) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        String service = """
                <service>
                  <name>%s</name>
                  <base>turret-sample/redis:bookworm-1</base>
                  <environment><CACHE>%s</CACHE></environment>
                  <entrypoint><arg>/usr/bin/redis-server</arg><arg>--protected-mode</arg><arg>no</arg></entrypoint>
                </service>
                """;
        String container = """
                <container>
                  <service>%s</service>
                  <waitFor><log>Ready to accept connections</log><timeout>30</timeout></waitFor>
                </container>
                """;
        TurretPom.write(project, "mounts", "<services>" + service.formatted("cache-a", "a") + service.formatted("cache-b", "b")
                + "</services><testContainers>" + container.formatted("cache-a") + container.formatted("cache-b")
                + "</testContainers>");
        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.pusher().name(), stack.pusher().password(),
                null);
        int before = stack.registryRequests().size();

        MavenRun.Result result = MavenRun.run(project, settings.arguments().get(0), settings.arguments().get(1),
                "turret:release", "-Dsuffix=mounts", "-Dturret.registry=" + stack.address(), "-Dturret.threads=2");

        assertEquals(0, result.exitCode(), result.output());
        List<RegistryAccessLog.Request> requests = stack.registryRequests();
        requests = requests.subList(before, requests.size());
        long intoA = requests.stream().filter(r -> r.isCompletedUpload() && r.path().startsWith("/v2/mounts/cache-a/")).count();
        long intoB = requests.stream().filter(r -> r.isCompletedUpload() && r.path().startsWith("/v2/mounts/cache-b/")).count();
        long mounts = requests.stream().filter(RegistryAccessLog.Request::isMount).count();
        assertTrue(mounts > 0, "the base's layers were mounted: " + requests);
        assertEquals(1, Math.min(intoA, intoB), "the second service uploaded only its own config");
        assertEquals(mounts + 1, Math.max(intoA, intoB), "the first service uploaded the base's layers and its config");
        assertTrue(result.output().contains("mounted from another service's repository"), result.output());
    }
}
