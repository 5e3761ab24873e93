package io.turret.it.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Maven run on a project, as a user types it, with the plugin this build made: the
 * Maven that runs the tests ({@code -Dmaven.home}), the local repository the reactor installed
 * the plugin into. The output is kept in a log file beside the project.
 */
public final class MavenRun {
    /** How the run ended. */
    public record Result(int exitCode, String output, Path log) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The property of the folder of reusable work. */
    public static final String REUSE_CACHE = "turret.reuseCache";
    public static final String PLATFORMS = "turret.platforms";
    /** This machine's platform as Docker names it. */
    public static final String NATIVE_PLATFORM = "linux/" + switch (System.getProperty("os.arch")) {
        case "aarch64" -> "arm64";
        case "amd64", "x86_64" -> "amd64";
        default -> System.getProperty("os.arch");
    };

    /** The property of the reactor's local repository, where the plugin under test is installed. */
    private static final String LOCAL_REPOSITORY = "turret.it.repo.local";

    private MavenRun() {
    }

    /** Fails unless the plugin in the local repository is the one this reactor just built. */
    public static void requireInstalledPluginIsFresh() {
        Path built = Path.of(System.getProperty("turret.it.plugin.jar", "../plugin/target/missing.jar"));
        Path installed = Path.of(System.getProperty("turret.it.plugin.installed", "missing.jar"));
        try {
            if (!Files.isRegularFile(installed) || Files.mismatch(built, installed) != -1) {
                throw new IllegalStateException("The Turret plugin in the local repository (" + installed + ") is not the one"
                        + " this build made (" + built + "). Run the tests with mvn install, which installs it first.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot compare " + built + " and " + installed + ": " + e.getMessage(), e);
        }
    }

    /** Starts {@code mvn -B ARGS} in {@code project}; the caller waits for it (or interrupts it). */
    public static Process start(Path project, String... args) throws IOException {
        return start(project, Map.of(), args);
    }

    /** Starts {@code mvn -B ARGS} in {@code project} with these environment variables added. */
    public static Process start(Path project, Map<String, String> environment, String... args) throws IOException {
        requireInstalledPluginIsFresh();
        List<String> command = new ArrayList<>(List.of(mvn(), "-B"));
        command.addAll(isolated(project, nativeUnlessNamed(args)));
        Path log = project.resolve("maven-output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Waits until Maven's log holds {@code line}, then stops Maven with SIGTERM, as Ctrl-C's SIGINT
     * and Jenkins' abort do: the JVM runs its shutdown hooks. Returns once Maven has ended.
     */
    public static void interruptOnceLogged(Process maven, Path project, String line) throws IOException, InterruptedException {
        awaitLogged(maven, project, line);
        maven.destroy();
        if (!maven.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Maven did not stop within 60 s of SIGTERM");
        }
    }

    /**
     * Waits until Maven's log holds {@code line}, then kills Maven's JVM with SIGKILL (kill -9): no
     * shutdown hook runs. {@code mvn} execs java, so the process started is the JVM itself.
     */
    public static void killOnceLogged(Process maven, Path project, String line) throws IOException, InterruptedException {
        awaitLogged(maven, project, line);
        maven.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        maven.destroyForcibly();
        if (!maven.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Maven did not end within 60 s of SIGKILL");
        }
    }

    /** Waits until Maven's log holds {@code line}; fails when Maven ends first, or after 5 minutes. */
    public static void awaitLogged(Process maven, Path project, String line) throws IOException, InterruptedException {
        Path log = project.resolve("maven-output.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.readString(log).contains(line)) {
            if (!maven.isAlive()) {
                throw new IllegalStateException("Maven ended before logging " + line + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Maven did not log " + line + " within 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Runs {@code mvn -B ARGS} in {@code project} to its end, its output on this process's console. */
    public static int runOnConsole(Path project, String... args) throws IOException, InterruptedException {
        requireInstalledPluginIsFresh();
        List<String> command = new ArrayList<>(List.of(mvn(), "-B"));
        command.addAll(isolated(project, args));
        return new ProcessBuilder(command).directory(project.toFile()).inheritIO().start().waitFor();
    }

    /** Runs {@code mvn -B ARGS} in {@code project} to its end. */
    public static Result run(Path project, String... args) throws IOException, InterruptedException {
        return run(project, Map.of(), args);
    }

    /** Runs {@code mvn -B ARGS} in {@code project}, with these environment variables added, to its end. */
    public static Result run(Path project, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Process process = start(project, environment, args);
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("mvn " + String.join(" ", args) + " in " + project + " ran over 20 minutes");
        }
        Path log = project.resolve("maven-output.log");
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    /**
     * The arguments, with the project's own cache of reusable work unless they name one: runs of one
     * copy reuse each other's work, as a user's do; copies in other tests do not.
     */
    private static List<String> isolated(Path project, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (all.stream().noneMatch(arg -> arg.startsWith("-D" + REUSE_CACHE + "="))) {
            all.add("-D" + REUSE_CACHE + "=" + project.resolve(".turret-reuse"));
        }
        // the local repository the reactor installed the plugin into, even when it is not the default one
        String repository = System.getProperty(LOCAL_REPOSITORY, "");
        if (!repository.isBlank() && all.stream().noneMatch(arg -> arg.startsWith("-Dmaven.repo.local="))) {
            all.add("-Dmaven.repo.local=" + repository);
        }
        return all;
    }

    /**
     * The arguments of a test's run: this machine's platform only unless they name the platforms. sample-project
     * releases linux/arm64 too, whose tests run emulated and slowly: only the tests about platforms pay for it (and
     * the demo, which runs on the console, releases what the pom says).
     */
    private static String[] nativeUnlessNamed(String... args) {
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("-D" + PLATFORMS + "="))) {
            return args;
        }
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("-D" + PLATFORMS + "=" + NATIVE_PLATFORM);
        return all.toArray(String[]::new);
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
