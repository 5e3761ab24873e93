package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.turret.oci.Platform;
import io.turret.reuse.ContentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssemblyInputsTest {
    private static final ServiceSpec API = new ServiceSpec("api", new BaseImage.Scratch(), List.of(), List.of("/api"), List.of(),
            Map.of(), List.of("8080"), "65532", null, Map.of());

    private static final Platform AMD64 = Platform.of("linux", "amd64");

    @TempDir
    Path build;

    private String key(ServiceSpec service, String base, FilePermissions mode) throws Exception {
        return key(service, AMD64, base, mode);
    }

    private String key(ServiceSpec service, Platform platform, String base, FilePermissions mode) throws Exception {
        FileEntriesLayer layer = FileEntriesLayer.builder().setName("go:api")
                .addEntry(build.resolve("api"), AbsoluteUnixPath.get("/api"), mode).build();
        return AssemblyInputs.key(service, platform, base, List.of(layer), Map.of("version", "1"), "registry:5000/ns/api:dev",
                new ContentKeys());
    }

    @Test
    void eachPlatformsImageHasAKeyOfItsOwnForTheSameFiles() throws Exception {
        Files.writeString(build.resolve("api"), "binary");

        assertNotEquals(key(), key(API, Platform.of("linux", "arm64"), "scratch", FilePermissions.fromOctalString("755")));
    }

    private String key() throws Exception {
        return key(API, "scratch", FilePermissions.fromOctalString("755"));
    }

    @Test
    void theSameFilesAndSettingsGiveTheSameKeyWhateverTheirTimes() throws Exception {
        Files.writeString(build.resolve("api"), "binary");
        String before = key();
        Files.setLastModifiedTime(build.resolve("api"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

        assertEquals(before, key());
    }

    @Test
    void aChangedFileBaseModeOrSettingChangesTheKey() throws Exception {
        Files.writeString(build.resolve("api"), "binary");
        String before = key();

        assertNotEquals(before, key(API, "engine sha256:" + "a".repeat(64), FilePermissions.fromOctalString("755")));
        assertNotEquals(before, key(API, "scratch", FilePermissions.fromOctalString("644")));
        assertNotEquals(before, key(new ServiceSpec("api", new BaseImage.Scratch(), List.of(), List.of("/api"), List.of("-v"),
                Map.of(), List.of("8080"), "65532", null, Map.of()), "scratch", FilePermissions.fromOctalString("755")));
        Files.writeString(build.resolve("api"), "binarY");
        assertNotEquals(before, key());
    }
}
