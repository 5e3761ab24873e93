package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.failure.UserFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssembleSettingsTest {
    @TempDir
    Path project;

    private AssembleSettings settings(List<ServiceSpec> services) throws Exception {
        Files.createDirectories(project.resolve("go"));
        BuildSettings build = new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 2,
                List.of(new BuilderSpec("go", "golang", List.of("go"), null, "make", Map.of(), List.of("/out"), List.of(),
                        null, List.of())));
        return new AssembleSettings(build, new ImageNaming("localhost:5000", "shop", new Suffix("dev")),
                new Provenance("1", Optional.empty(), Optional.empty()), PullPolicy.IF_NOT_PRESENT, project.resolve("cache"),
                services);
    }

    private static ServiceSpec service(String name, BaseImage base, LayerSpec... layers) {
        return new ServiceSpec(name, base, List.of(layers), List.of(), List.of(), Map.of(), List.of(), null, null, Map.of());
    }

    @Test
    void refusesTwoServicesOfOneName() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(List.of(
                service("api", new BaseImage.Scratch()), service("api", new BaseImage.Scratch()))));

        assertEquals("Two services are named 'api'; give each <service> its own <name>.", failure.getMessage());
    }

    @Test
    void anUnknownBuilderInALayerIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(List.of(
                service("api", new BaseImage.Scratch(), new LayerSpec("golang", "api", "/api", null)))));

        assertEquals("<service> 'api': <layer> golang:api refers to the builder 'golang', which is not one of the"
                + " <builders> [go]; add it or fix the name.", failure.getMessage());
    }

    @Test
    void aMissingBaseTarballIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> settings(List.of(
                service("api", new BaseImage.Tarball(project.resolve("images/base.tar"))))));

        assertEquals("<service> 'api': <base>images/base.tar</base> does not exist; fix the path, or make it with docker save.",
                failure.getMessage());
    }

    @Test
    void placesImagesAndTheirRecordUnderTargetTurret() throws Exception {
        ServiceSpec api = service("api", new BaseImage.Scratch(), new LayerSpec("go", "api", "/api", null));
        AssembleSettings settings = settings(List.of(api));

        assertEquals(project.resolve("target/turret/images/api.tar"), settings.tarball(api));
        assertEquals(project.resolve("target/turret/images.json"), settings.imagesJson());
        assertEquals(project.resolve("target/turret/build/go"), settings.root(api.layers().get(0)));
    }
}
