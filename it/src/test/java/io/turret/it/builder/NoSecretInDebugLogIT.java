package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.TurretPom;
import io.turret.it.secrets.SecretForms;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn -X} that pulls a builder image and a test container's image from the private registry,
 * with the credential of an encrypted settings.xml: no form of the password is in Maven's output.
 */
@ExtendWith(RegistryStackExtension.class)
class NoSecretInDebugLogIT {
    @TempDir
    Path project;

    @TempDir
    Path maven;

    @Test
    void pullsWithTheCredentialAndPrintsNoFormOfIt(RegistryStack stack, DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        String repository = stack.address() + "/private/python";
        String builderImage = repository + ":debug-builder";
        String containerImage = repository + ":debug-container";
        push(docker, stack, repository, "debug-builder");
        push(docker, stack, repository, "debug-container");
        MavenSettings settings = MavenSettings.encrypted(maven, stack.address(), stack.username(), stack.password());
        Files.createDirectories(project.resolve("src"));
        TurretPom.write(project, "no-secret-in-debug-log", """
                <builders>
                  <builder>
                    <name>py</name>
                    <image>%s</image>
                    <sources><source>src</source></sources>
                    <script>python3 -c 'print("built")'</script>
                  </builder>
                </builders>
                <testContainers>
                  <container>
                    <name>side</name>
                    <image>%s</image>
                    <command><arg>sleep</arg><arg>600</arg></command>
                  </container>
                </testContainers>
                <runners>
                  <runner>
                    <name>check</name>
                    <builder>py</builder>
                    <script>python3 -c 'print("tested")'</script>
                  </runner>
                </runners>
                """.formatted(builderImage, containerImage));
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("-X", "turret:build", "turret:integration-test"));

        MavenRun.Result result = MavenRun.run(project, args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("[py] pulling " + builderImage), "the builder image was pulled");
        assertTrue(result.output().contains("[side] pulling " + containerImage), "the test container's image was pulled");
        assertTrue(result.output().contains("[DEBUG]"), "the run was at debug level");
        assertEquals(List.of(), SecretForms.foundIn(result.output(), stack.username(), stack.password()),
                "forms of the password in Maven's output " + result.log());
        removeQuietly(docker, builderImage);
        removeQuietly(docker, containerImage);
    }

    /** Puts the python image into the registry under {@code tag}, and leaves it only there. */
    private static void push(DockerClient docker, RegistryStack stack, String repository, String tag) throws Exception {
        AuthConfig auth = new AuthConfig().withRegistryAddress(stack.address()).withUsername(stack.username())
                .withPassword(stack.password());
        docker.tagImageCmd(SampleBaseImages.PYTHON.reference(), repository, tag).exec();
        List<PushResponseItem> pushed = new ArrayList<>();
        docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth).exec(new ResultCallback.Adapter<PushResponseItem>() {
            @Override
            public void onNext(PushResponseItem item) {
                pushed.add(item);
            }
        }).awaitCompletion(5, TimeUnit.MINUTES);
        assertTrue(pushed.stream().noneMatch(PushResponseItem::isErrorIndicated), "pushed: " + pushed);
        docker.removeImageCmd(repository + ":" + tag).exec();
    }

    private static void removeQuietly(DockerClient docker, String image) {
        try {
            docker.removeImageCmd(image).exec();
        } catch (NotFoundException gone) {
            // nothing to remove
        }
    }
}
