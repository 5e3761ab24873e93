package io.turret.it.builder;

import io.turret.builder.BuildResult;
import io.turret.builder.BuilderSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM of its own that runs {@link WorkspaceVolumeIT}'s builder once, as turret:build would: what a test kills with
 * {@code kill -9} at the moment it chooses. Arguments: the project's name and folder.
 */
public final class BuildInAnotherProcess {
    private BuildInAnotherProcess() {
    }

    public static void main(String[] args) {
        BuilderSpec builder = WorkspaceVolumeIT.builder();
        List<BuildResult> results = new EngineBuilds().run(args[0], Path.of(args[1]), List.of(builder));
        System.exit(results.get(0).passed() ? 0 : 1);
    }

    /** Starts it for {@code project} in {@code folder}, with this JVM's class path; its output goes to {@code output}. */
    static Process start(String project, Path folder, Path output) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                BuildInAnotherProcess.class.getName(), project, folder.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
