package io.turret.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import io.turret.oci.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderSpecTest {

    static BuilderSpec builder(String name, List<String> sources, String script, List<String> outputs) {
        return new BuilderSpec(name, "go-builder:1", sources, null, script, Map.of(), outputs, List.of(), null, List.of());
    }

    @Test
    void defaultsToWorkspaceAndNoNetwork() {
        BuilderSpec go = builder("go", List.of("go"), "go test ./...", List.of("/out"));

        assertEquals("/workspace", go.workingDirectory());
        assertEquals("none", go.network());
    }

    @Test
    void aScriptMayRunThirtyMinutesUnlessTold() {
        assertEquals(Duration.ofMinutes(30), builder("go", List.of("go"), "make", List.of()).timeout());
        assertEquals(Duration.ofSeconds(90), new BuilderSpec("go", "img", List.of("go"), null, "make", Map.of(), List.of(),
                List.of(), null, List.of(), BuilderSpec.timeout(90)).timeout());
    }

    @Test
    void refusesATimeoutThatIsNotPositiveNamingTheElement() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new BuilderSpec("go", "img", List.of("go"), null, "make",
                Map.of(), List.of(), List.of(), null, List.of(), BuilderSpec.timeout(0)));

        assertEquals("<builder> 'go': <timeout>0</timeout> must be a positive number of seconds; leave it out for the default"
                + " of 30 minutes.", failure.getMessage());
    }

    @Test
    void refusesAnEmptyScriptNamingTheBuilderAndElement() {
        UserFailure failure = assertThrows(UserFailure.class, () -> builder("go", List.of("go"), "  \n ", List.of("/out")));

        assertTrue(failure.getMessage().contains("'go'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("<script>"), failure.getMessage());
    }

    @Test
    void refusesARelativeOutputSuggestingTheAbsoluteOne() {
        UserFailure failure = assertThrows(UserFailure.class, () -> builder("go", List.of("go"), "make", List.of("out/bin")));

        assertTrue(failure.getMessage().contains("<output>out/bin</output> is not an absolute path"), failure.getMessage());
        assertTrue(failure.getMessage().contains("/out/bin"), failure.getMessage());
    }

    @Test
    void refusesARelativeCache() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new BuilderSpec("go", "img", List.of("go"), null, "make",
                Map.of(), List.of(), List.of("root/.cache"), null, List.of()));

        assertTrue(failure.getMessage().contains("<cache>root/.cache</cache>"), failure.getMessage());
    }

    @Test
    void refusesANameThatCannotNameAFolder() {
        UserFailure failure = assertThrows(UserFailure.class, () -> builder("Go Builder", List.of("go"), "make", List.of()));

        assertTrue(failure.getMessage().contains("<name>Go Builder</name>"), failure.getMessage());
    }

    @Test
    void refusesSourcesOutsideTheProject() {
        assertThrows(UserFailure.class, () -> builder("go", List.of("../other"), "make", List.of()));
        assertThrows(UserFailure.class, () -> builder("go", List.of("/etc"), "make", List.of()));
        assertThrows(UserFailure.class, () -> builder("go", List.of(), "make", List.of()));
    }

    @Test
    void refusesAMissingImage() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new BuilderSpec("go", " ", List.of("go"), null, "make",
                Map.of(), List.of(), List.of(), null, List.of()));

        assertTrue(failure.getMessage().contains("<image>"), failure.getMessage());
    }

    @Test
    void aRunForOneOfSeveralPlatformsIsNamedForItAndGetsTheTargetVariables() {
        BuilderSpec go = new BuilderSpec("go", "img", List.of("go"), null, "make", Map.of("TARGETARCH", "mine", "A", "b"),
                List.of("/out"), List.of(), null, List.of());

        BuilderSpec arm = go.forPlatform(Platform.parse("linux/arm/v7"), true);

        assertEquals("go.linux-arm-v7", arm.name());
        assertEquals(Map.of("A", "b", "TARGETPLATFORM", "linux/arm/v7", "TARGETOS", "linux", "TARGETARCH", "arm",
                "TARGETVARIANT", "v7"), arm.environment());
        assertEquals("go", go.forPlatform(Platform.parse("linux/amd64"), false).name());
    }

    @Test
    void aPlatformIndependentBuilderRunsOnceWithoutTheTargetVariables() {
        BuilderSpec site = new BuilderSpec("site", "img", List.of("go"), null, "make", Map.of(), List.of("/out"), List.of(), null,
                List.of(), null, true);

        assertEquals(site, site.forPlatform(Platform.parse("linux/arm64"), true));
    }
}
