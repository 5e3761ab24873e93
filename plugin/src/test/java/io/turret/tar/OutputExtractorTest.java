package io.turret.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputExtractorTest {
    @TempDir
    Path temp;

    private List<Path> extract(byte[] tar) throws Exception {
        return OutputExtractor.extract(new ByteArrayInputStream(tar), temp.resolve("out"), 1);
    }

    @Test
    void keepsTheExecutableBitOfABinary() throws Exception {
        extract(new TarFixtures().directory("out").file("out/api", "ELF", 0755).file("out/README", "x", 0644).bytes());

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("out/api"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("out/README"))));
    }

    @Test
    void stripsTheOutputFoldersOwnName() throws Exception {
        List<Path> written = extract(new TarFixtures().directory("out").directory("out/bin").file("out/bin/worker", "w", 0755).bytes());

        assertEquals(List.of(Path.of("bin"), Path.of("bin/worker")), written);
        assertEquals("w", Files.readString(temp.resolve("out/bin/worker")));
    }

    @Test
    void anOutputThatIsOneFileKeepsItsName() throws Exception {
        List<Path> written = extract(new TarFixtures().file("api", "ELF", 0755).bytes());

        assertEquals(List.of(Path.of("api")), written);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("out/api"))));
    }

    @Test
    void keepsSymbolicLinksInside() throws Exception {
        extract(new TarFixtures().directory("out").file("out/api-1.0", "ELF", 0755).symlink("out/api", "api-1.0").bytes());

        assertTrue(Files.isSymbolicLink(temp.resolve("out/api")));
        assertEquals(Path.of("api-1.0"), Files.readSymbolicLink(temp.resolve("out/api")));
    }

    @Test
    void keepsEmptyFolders() throws Exception {
        extract(new TarFixtures().directory("out").directory("out/empty").bytes());

        assertTrue(Files.isDirectory(temp.resolve("out/empty")));
    }

    @Test
    void copiesHardLinksInside() throws Exception {
        extract(new TarFixtures().directory("out").file("out/a", "same", 0644).hardLink("out/b", "out/a").bytes());

        assertEquals("same", Files.readString(temp.resolve("out/b")));
    }

    @Test
    void refusesDotDotEscapes() throws Exception {
        byte[] tar = new TarFixtures().directory("out").file("out/../../evil", "x", 0644).bytes();

        UserFailure failure = assertThrows(UserFailure.class, () -> extract(tar));
        assertTrue(failure.getMessage().contains("out/../../evil"), failure.getMessage());
        assertFalse(Files.exists(temp.resolve("evil")));
    }

    @Test
    void refusesAbsoluteNames() throws Exception {
        byte[] tar = new TarFixtures().file("/etc/evil", "x", 0644).bytes();

        assertThrows(UserFailure.class, () -> extract(tar));
    }

    @Test
    void refusesLinksPointingOut() throws Exception {
        byte[] relative = new TarFixtures().directory("out").symlink("out/passwd", "../../../etc/passwd").bytes();
        byte[] absolute = new TarFixtures().directory("out").symlink("out/passwd", "/etc/passwd").bytes();

        assertThrows(UserFailure.class, () -> extract(relative));
        assertThrows(UserFailure.class, () -> extract(absolute));
        assertFalse(Files.exists(temp.resolve("out/passwd"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesWritingThroughALinkItMadeBefore() throws Exception {
        byte[] tar = new TarFixtures().directory("out").directory("out/real")
                .symlink("out/link", "real").file("out/link/file", "x", 0644).bytes();

        assertThrows(UserFailure.class, () -> extract(tar));
        assertFalse(Files.exists(temp.resolve("out/real/file")));
    }

    @Test
    void refusesHardLinksToOutside() throws Exception {
        byte[] tar = new TarFixtures().directory("out").hardLink("out/shadow", "etc/shadow").bytes();

        assertThrows(UserFailure.class, () -> extract(tar));
    }
}
