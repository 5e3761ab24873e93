package io.turret.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.TurretPom;
import io.turret.it.secrets.SecretForms;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.StackImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release registry's credential (Jenkins' TURRET_REGISTRY_* binding) goes to the release
 * registry alone: a builder image on a second registry is pulled with that registry's own
 * settings.xml server, and without one nothing of the release password reaches it.
 */
@ExtendWith(RegistryStackExtension.class)
class CredentialScopeIT {
    @TempDir
    Path project;

    @TempDir
    Path maven;

    @Test
    void aBuilderImageOnAnotherRegistryNeverGetsTheReleaseCredential(RegistryStack release, DockerClient docker)
            throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        try (RegistryStack builders = RegistryStack.startRecordingAuthorization()) {
            String image = StackImages.pushOnlyTo(builders, docker, SampleBaseImages.PYTHON.reference(), "private/python",
                    "builder");
            Files.createDirectories(project.resolve("src"));
            TurretPom.write(project, "credential-scope", """
                    <registry>%s</registry>
                    <builders>
                      <builder>
                        <name>py</name>
                        <image>%s</image>
                        <sources><source>src</source></sources>
                        <script>python3 -c 'print("built")'</script>
                      </builder>
                    </builders>
                    """.formatted(release.address(), image));
            Map<String, String> jenkins = Map.of("TURRET_REGISTRY_USERNAME", release.username(),
                    "TURRET_REGISTRY_PASSWORD", release.password());

            MavenRun.Result without = MavenRun.run(project, jenkins, "turret:build");

            assertEquals(1, without.exitCode(), without.output());
            assertTrue(without.output().contains("could not be pulled"), without.output());
            String tried = Files.readString(builders.proxy().authorizationLog());
            assertTrue(tried.contains("GET /v2/"), "the second registry was asked");
            assertEquals(0, SecretForms.of(release.username(), release.password()).stream().filter(tried::contains).count(),
                    "forms of the release password reached the second registry");
            assertTrue(without.output().contains("Registry " + builders.address() + ": no credential (none in"
                    + " settings.xml <server> '" + builders.address() + "', ~/.docker/config.json, ~/.dockercfg;"
                    + " TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD are for <registry> " + release.address() + " only)"),
                    without.output());

            MavenSettings own = MavenSettings.plain(maven, builders.address(), builders.username(), builders.password(), null);
            List<String> args = new ArrayList<>(own.arguments());
            args.add("turret:build");
            MavenRun.Result with = MavenRun.run(project, jenkins, args.toArray(String[]::new));

            assertEquals(0, with.exitCode(), with.output());
            assertTrue(with.output().contains("Registry " + builders.address() + ": credential from settings.xml <server> '"
                    + builders.address() + "'"), with.output());
            String sent = Files.readString(builders.proxy().authorizationLog());
            assertTrue(sent.contains("Basic " + base64(builders.username() + ":" + builders.password())),
                    "its own credential went to it, and the log records it");
            assertEquals(0, SecretForms.of(release.username(), release.password()).stream().filter(sent::contains).count(),
                    "forms of the release password reached the second registry");
            docker.removeImageCmd(image).withForce(true).exec();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
