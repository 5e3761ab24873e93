package io.turret.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void readsOsArchitectureAndVariant() {
        Platform arm = Platform.parse("linux/arm64/v8");
        assertEquals("linux", arm.os());
        assertEquals("arm64", arm.architecture());
        assertEquals(Optional.of("v8"), arm.variant());
        assertEquals("linux/arm64/v8", arm.toString());

        assertEquals(Platform.of("linux", "amd64"), Platform.parse("linux/amd64"));
        assertEquals("linux/amd64", Platform.of("linux", "amd64").toString());
        assertEquals(Optional.empty(), Platform.parse("linux/amd64").variant());
    }

    @Test
    void aVariantMakesADifferentPlatform() {
        assertNotEquals(Platform.parse("linux/arm/v7"), Platform.parse("linux/arm/v6"));
        assertNotEquals(Platform.parse("linux/arm64"), Platform.parse("linux/arm64/v8"));
    }

    @Test
    void refusesWhatIsNotAPlatform() {
        for (String bad : new String[] {"linux", "linux/", "/amd64", "linux/amd64/v8/x", "Linux/amd64", "linux/amd 64",
                "linux/arm64/", "linux/../amd64", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Platform.parse(bad), bad);
            assertTrue(refused.getMessage().startsWith("'" + bad + "' is not a platform"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Platform.of("linux", null));
        assertThrows(IllegalArgumentException.class, () -> new Platform("linux", "arm", Optional.of("V7")));
    }
}
