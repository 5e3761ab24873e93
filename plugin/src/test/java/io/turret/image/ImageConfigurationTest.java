package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of a service's configuration and of where its image goes. */
class ImageConfigurationTest {
    private static final Path PROJECT = Path.of("/project");

    @Test
    void aSuffixThatIsNotATagIsRefusedWithTheSanitisedFormSuggested() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new Suffix("feature/login"));

        assertTrue(failure.getMessage().endsWith("use -Dsuffix=feature-login."), failure.getMessage());
        assertEquals("release-1.2", Suffix.sanitised(".release 1.2"));
        assertEquals("integration", new Suffix("integration").value());
    }

    @Test
    void noSuffixSaysHowToGiveOne() {
        assertTrue(assertThrows(UserFailure.class, () -> new Suffix(null)).getMessage().contains("-Dsuffix="));
    }

    @Test
    void namesImagesRegistryNamespaceServiceSuffix() {
        ImageNaming naming = new ImageNaming("127.0.0.1:5443", "team/shop", new Suffix("dev"));

        assertEquals("127.0.0.1:5443/team/shop/api:dev", naming.reference("api").toString());
        assertEquals("localhost:5000/api:dev", new ImageNaming("localhost:5000", "", new Suffix("dev")).reference("api").toString());
    }

    @Test
    void aRegistryWithASchemeIsRefusedNamingTheProperty() {
        UserFailure failure = assertThrows(UserFailure.class,
                () -> new ImageNaming("https://registry.example.com", "shop", new Suffix("dev")));

        assertTrue(failure.getMessage().startsWith("<registry>https://registry.example.com</registry> (turret.registry)"),
                failure.getMessage());
    }

    @Test
    void noRegistryNamesTheElementAndTheProperty() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new ImageNaming(null, "shop", new Suffix("dev")));

        assertTrue(failure.getMessage().contains("<registry>") && failure.getMessage().contains("-Dturret.registry="));
    }

    @Test
    void readsTheThreeKindsOfBase() {
        assertInstanceOf(BaseImage.Scratch.class, BaseImage.parse("scratch", PROJECT, ""));
        assertEquals(new BaseImage.Tarball(Path.of("/project/images/base.tar")), BaseImage.parse("images/base.tar", PROJECT, ""));
        assertEquals("turret-sample/python:bookworm-1", BaseImage.parse("turret-sample/python:bookworm-1", PROJECT, "").toString());
        assertThrows(UserFailure.class, () -> BaseImage.parse("Not An Image", PROJECT, "<service> 'api': "));
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new ServiceSpec("api", new BaseImage.Scratch(), List.of(),
                List.of(), List.of(), Map.of(), List.of("8080", "http"), null, null, Map.of()));

        assertEquals("<service> 'api': <port>http</port> is not a port number (1-65535, optionally /tcp or /udp);"
                + " write e.g. <port>8080</port> or <port>53/udp</port>.", failure.getMessage());
    }

    @Test
    void portsMayNameTheirProtocolAndRanges() {
        ServiceSpec service = new ServiceSpec("dns", new BaseImage.Scratch(), List.of(), List.of(), List.of(), Map.of(),
                List.of("53/udp", "8000-8010/tcp"), null, null, Map.of());

        assertEquals(List.of("53/udp", "8000-8010/tcp"), service.ports());
        assertThrows(UserFailure.class, () -> new ServiceSpec("api", new BaseImage.Scratch(), List.of(), List.of(), List.of(),
                Map.of(), List.of("70000"), null, null, Map.of()));
    }

    @Test
    void aServiceNameMustBeAnImageName() {
        assertThrows(UserFailure.class, () -> ServiceSpec.requireName("Api"));
        assertThrows(UserFailure.class, () -> ServiceSpec.requireName(null));
        assertEquals("api-v2", ServiceSpec.requireName("api-v2"));
    }

    @Test
    void aLayerIntoMustBeAbsoluteAndAPathMustStayInside() {
        assertThrows(UserFailure.class, () -> new LayerSpec("go", "api", "api", null));
        assertThrows(UserFailure.class, () -> new LayerSpec("go", "../secrets", "/x", null));
        assertThrows(UserFailure.class, () -> new LayerSpec(null, "", "/x", null));
        assertEquals("go:.", new LayerSpec("go", null, "/out", null).name());
    }

    @Test
    void modesAreOctal() {
        assertEquals(0755, LayerSpec.parseMode("755", ""));
        assertEquals(0640, LayerSpec.parseMode("0640", ""));
        assertThrows(UserFailure.class, () -> LayerSpec.parseMode("rwx", "<service> 'api': "));
        assertThrows(UserFailure.class, () -> LayerSpec.parseMode("999", ""));
    }

    @Test
    void pullPoliciesAreNamedAsConfigured() {
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.parse(null));
        assertEquals(PullPolicy.NEVER, PullPolicy.parse("never"));
        assertTrue(assertThrows(UserFailure.class, () -> PullPolicy.parse("sometimes")).getMessage().contains("ifNotPresent"));
    }

    @Test
    void labelsCarryTheOciProvenanceAndNeverTheSuffix() {
        ServiceSpec service = new ServiceSpec("api", new BaseImage.Scratch(), List.of(), List.of(), List.of(), Map.of(),
                List.of(), null, null, Map.of("team", "shop"));
        Provenance provenance = new Provenance("1.0.0", java.util.Optional.of("abc"), java.util.Optional.empty());

        assertEquals(Map.of("org.opencontainers.image.title", "api", "org.opencontainers.image.version", "1.0.0",
                "org.opencontainers.image.revision", "abc", "team", "shop"),
                provenance.labels(service));
    }
}
