package io.turret.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
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

    @Test
    void refusesALinkThatLeavesThroughALinkToDotDot() throws Exception {
        Files.writeString(temp.resolve("secret"), "of the build machine");
        // d/up/d/up/../secret reads as d/up/d/secret, inside; d/up is the output itself, so it is ../secret
        byte[] tar = new TarFixtures().directory("out").directory("out/d").symlink("out/d/up", "..")
                .symlink("out/x", "d/up/d/up/../secret").bytes();

        UserFailure failure = assertThrows(UserFailure.class, () -> extract(tar));

        assertTrue(failure.getMessage().startsWith("the entry 'out/x' is a link to d/up/d/up/../secret, which leads outside"),
                failure.getMessage());
        assertFalse(Files.exists(temp.resolve("out"), LinkOption.NOFOLLOW_LINKS), "a refused output is removed whole");
    }

    @Test
    void refusesAnEarlierLinkThatALaterLinkMakesLeave() throws Exception {
        byte[] tar = new TarFixtures().directory("out").directory("out/d")
                .symlink("out/d/x", "a/../..").symlink("out/d/a", "..").bytes();

        UserFailure failure = assertThrows(UserFailure.class, () -> extract(tar));

        assertTrue(failure.getMessage().startsWith("the entry 'out/d/x' is a link to a/../.., which leads outside"),
                failure.getMessage());
    }

    @Test
    void refusesALinkOfAnEarlierOutputThatALaterOutputMakesLeave() throws Exception {
        extract(new TarFixtures().directory("out").directory("out/d").symlink("out/d/x", "a/../..").bytes());
        byte[] second = new TarFixtures().directory("out").directory("out/d").symlink("out/d/a", "..").bytes();

        UserFailure failure = assertThrows(UserFailure.class, () -> extract(second));

        assertTrue(failure.getMessage().startsWith("the entry 'd/x' is a link to a/../.., which leads outside"), failure.getMessage());
        assertFalse(Files.exists(temp.resolve("out"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesLoopsOfLinks() throws Exception {
        byte[] pair = new TarFixtures().directory("out").symlink("out/a", "b").symlink("out/b", "a").bytes();
        byte[] self = new TarFixtures().directory("out").symlink("out/self", "self").bytes();

        assertTrue(assertThrows(UserFailure.class, () -> extract(pair)).getMessage()
                .startsWith("the entry 'out/a' is a link to b, which is a loop of links"));
        assertTrue(assertThrows(UserFailure.class, () -> extract(self)).getMessage()
                .startsWith("the entry 'out/self' is a link to self, which is a loop of links"));
    }

    @Test
    void keepsALinkToTheOutputItself() throws Exception {
        extract(new TarFixtures().directory("out").directory("out/d").symlink("out/d/up", "..").bytes());

        assertEquals(Path.of(".."), Files.readSymbolicLink(temp.resolve("out/d/up")));
    }

    @Test
    void settingAFoldersModeNeverFollowsALink() throws Exception {
        Path victim = Files.createDirectory(temp.resolve("victim"));
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rwx------"));
        byte[] tar = new TarFixtures().directory("out").directory("out/e").symlink("out/e/up", "..")
                .directory("out/d/", 0777).symlink("out/d", "e/up/e/up/../victim").bytes();

        assertThrows(UserFailure.class, () -> extract(tar));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    }

    @Test
    void aFolderAfterALinkOfTheSameNameReplacesTheLink() throws Exception {
        extract(new TarFixtures().directory("out").directory("out/real").symlink("out/a", "real")
                .directory("out/a/", 0777).bytes());

        assertTrue(Files.isDirectory(temp.resolve("out/a"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("out/real"))));
    }

    @Test
    void aFileAfterALinkOfTheSameNameReplacesTheLink() throws Exception {
        extract(new TarFixtures().directory("out").file("out/f", "old", 0644).symlink("out/a", "f")
                .file("out/a", "new", 0644).bytes());

        assertTrue(Files.isRegularFile(temp.resolve("out/a"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("old", Files.readString(temp.resolve("out/f")));
    }

    @Test
    void refusesAFileWrittenThroughALinkThatLeaves() throws Exception {
        byte[] tar = new TarFixtures().directory("out").directory("out/d").symlink("out/d/up", "..")
                .symlink("out/esc", "d/up").file("out/esc/planted", "x", 0644).bytes();

        UserFailure failure = assertThrows(UserFailure.class, () -> extract(tar));

        assertTrue(failure.getMessage().contains("'out/esc/planted' would be written through the link esc"), failure.getMessage());
        assertFalse(Files.exists(temp.resolve("planted")));
    }

    @Test
    void refusesHardLinksThroughOrToLinksAndUpwards() throws Exception {
        Files.writeString(temp.resolve("secret"), "of the build machine");
        byte[] upwards = new TarFixtures().directory("out").hardLink("out/h", "out/../secret").bytes();
        byte[] through = new TarFixtures().directory("out").directory("out/d").symlink("out/d/up", "..")
                .hardLink("out/h", "out/d/up/d/up/secret").bytes();
        byte[] toLink = new TarFixtures().directory("out").file("out/f", "x", 0644).symlink("out/l", "f")
                .hardLink("out/h", "out/l").bytes();

        for (byte[] tar : List.of(upwards, through, toLink)) {
            UserFailure failure = assertThrows(UserFailure.class, () -> extract(tar));
            assertTrue(failure.getMessage().startsWith("the entry 'out/"), failure.getMessage());
        }
    }

    @Test
    void refusesPipesAndDevicesNamingTheEntry() throws Exception {
        byte[] fifo = new TarFixtures().directory("out").special("out/pipe", TarArchiveEntry.LF_FIFO).bytes();
        byte[] character = new TarFixtures().directory("out").special("out/null", TarArchiveEntry.LF_CHR).bytes();
        byte[] block = new TarFixtures().directory("out").special("out/sda", TarArchiveEntry.LF_BLK).bytes();

        assertEquals("the entry 'out/pipe' is a named pipe (FIFO); a build output holds only folders, files and links;"
                + " it was refused, and the output with it: make the <script> leave in its <outputs> only folders, files"
                + " and links that stay inside them.", assertThrows(UserFailure.class, () -> extract(fifo)).getMessage());
        assertTrue(assertThrows(UserFailure.class, () -> extract(character)).getMessage()
                .startsWith("the entry 'out/null' is a character device"));
        assertTrue(assertThrows(UserFailure.class, () -> extract(block)).getMessage()
                .startsWith("the entry 'out/sda' is a block device"));
    }
}
