package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.auth.CredentialLookup;
import io.turret.auth.RegistryCredential;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.builder.Builds;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.RunResources;
import io.turret.failure.UserFailure;
import io.turret.it.engine.Runs;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.StackImages;
import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A builder image that is only in the private registry is pulled with the credential found for that registry. */
@ExtendWith(RegistryStackExtension.class)
class PrivateBuilderImageIT {
    @TempDir
    Path project;

    private void build(String image, CredentialLookup credentials) throws Exception {
        Files.createDirectories(project.resolve("src"));
        BuildSettings settings = new BuildSettings("private-builder", project, project.resolve("target"),
                project.resolve("target/turret"), 1, List.of(new BuilderSpec("py", image, List.of("src"), null,
                        "python3 -c 'print(\"built\")'", Map.of(), List.of(), List.of(), null, List.of())));
        DockerJavaAccess docker = DockerJavaAccess.connect(credentials);
        try (RunResources run = Runs.open(docker, "it-" + UUID.randomUUID(), "private-builder", settings.turretDirectory(),
                Log.silent())) {
            new Builds(docker, Log.silent()).runAll(settings, run);
        }
    }

    private static boolean inEngine(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    @Test
    void isPulledWithTheRegistrysCredentialAndRefusedWithout(RegistryStack stack, DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.PYTHON);
        String image = StackImages.pushOnlyTo(stack, docker, SampleBaseImages.PYTHON.reference(), "private/python", "builder");
        assertFalse(inEngine(docker, image), "only the registry has it");

        UserFailure anonymous = assertThrows(UserFailure.class, () -> build(image, CredentialLookup.NONE));
        assertTrue(anonymous.getMessage().contains("could not be pulled"), anonymous.getMessage());

        build(image, registry -> registry.equals(stack.address())
                ? Optional.of(new RegistryCredential(stack.username(), stack.password(), "test")) : Optional.empty());

        assertTrue(inEngine(docker, image), "pulled");
        docker.removeImageCmd(image).exec();
    }
}
