package io.turret.evidence.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoBuildInfoTest {
    static final String MODULES = "path\texample.com/turret-sample/cmd/api\n"
            + "mod\texample.com/turret-sample\t(devel)\t\n"
            + "dep\tgithub.com/google/uuid\tv1.6.0\th1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n"
            + "dep\tgolang.org/x/text\tv0.3.0\n"
            + "=>\tgolang.org/x/text\tv0.14.0\th1:abc=\n"
            + "build\t-compiler=gc\n"
            + "build\tGOOS=linux\n";

    /** A binary as the Go linker lays out its build information (Go 1.18+: inline strings), at {@code offset}. */
    static byte[] binary(String goVersion, String modules, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F'});
        out.writeBytes(new byte[offset - 4]);
        out.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        out.write(8); // pointer size
        out.write(2); // flags: inline strings, little endian
        out.writeBytes(new byte[16]);
        string(out, goVersion.getBytes(StandardCharsets.UTF_8));
        byte[] sentinel = new byte[16];
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes("0w\u00af\u000c\u0092t\u0008\u0002A\u00e1\u00c1\u0007\u00e6\u00d6\u0018\u00e6".getBytes(StandardCharsets.ISO_8859_1));
        info.writeBytes(modules.getBytes(StandardCharsets.UTF_8));
        sentinel[0] = (byte) 0xf9;
        info.writeBytes(sentinel);
        string(out, info.toByteArray());
        out.writeBytes(new byte[100]);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, byte[] bytes) {
        int length = bytes.length;
        while (length >= 0x80) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(bytes);
    }

    @Test
    void readsTheVersionTheMainModuleAndTheDependenciesWithReplacements() {
        GoBuildInfo info = GoBuildInfo.read(binary("go1.22.5", MODULES, 4096)).orElseThrow();
        assertEquals("go1.22.5", info.goVersion());
        assertEquals("example.com/turret-sample/cmd/api", info.path());
        assertEquals(Optional.of(new GoBuildInfo.GoModule("example.com/turret-sample", "(devel)")), info.main());
        assertEquals(List.of(new GoBuildInfo.GoModule("github.com/google/uuid", "v1.6.0"),
                new GoBuildInfo.GoModule("golang.org/x/text", "v0.14.0")), info.dependencies());
        assertEquals("pkg:golang/example.com/turret-sample", info.main().get().purl());
        assertEquals("pkg:golang/github.com/google/uuid@v1.6.0", info.dependencies().get(0).purl());
    }

    @Test
    void aLongModuleListHasAMultiByteLength() {
        String many = MODULES + "dep\texample.org/m\tv1.0.0\n".repeat(20);
        assertEquals(22, GoBuildInfo.read(binary("go1.22.5", many, 32)).orElseThrow().dependencies().size());
    }

    @Test
    void onlyTheSixteenByteAlignedHeaderCounts() {
        assertFalse(GoBuildInfo.read(binary("go1.22.5", MODULES, 4100)).isPresent());
    }

    @Test
    void anotherBinaryHasNone() {
        byte[] elf = new byte[8192];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        assertTrue(GoBuildInfo.looksLikeBinary(elf));
        assertEquals(Optional.empty(), GoBuildInfo.read(elf));
        assertFalse(GoBuildInfo.looksLikeBinary("#!/bin/sh".getBytes(StandardCharsets.UTF_8)));
    }
}
