package io.turret.maven.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseMojoTest {
    @TempDir
    Path project;

    private final List<String> logged = new ArrayList<>();

    private ReleaseMojo mojo() {
        ReleaseMojo mojo = new ReleaseMojo();
        mojo.projectName = "sample";
        mojo.projectDirectory = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.registry = "localhost:5000";
        mojo.namespace = "sample";
        mojo.suffix = "dev";
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }
        });
        return mojo;
    }

    @Test
    void aReleaseThatWouldSkipItsTestsIsRefusedNamingThePropertyAndWhatToDo() {
        ReleaseMojo mojo = mojo();
        mojo.skipIntegrationTests = true;

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals("turret:release always runs its integration tests, and -Dturret.it.skip=true would skip them: drop"
                + " -Dturret.it.skip (<skipIntegrationTests>) to release, or skip the whole release with -Dturret.skip=true.",
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
        assertTrue(logged.stream().noneMatch(line -> line.startsWith("Skipping")), logged.toString());
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void turretSkipStillSkipsTheRelease() throws Exception {
        ReleaseMojo mojo = mojo();
        mojo.skip = true;
        mojo.skipIntegrationTests = true;

        mojo.execute();

        assertEquals(List.of("Skipping turret:release (turret.skip=true)"), logged);
    }
}
