package io.turret.it.bench;

import io.turret.it.host.Commands;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One contender's copy of the sample and its own registry stack, kept from one scenario to the
 * next; a cold start replaces both and removes the contender's images and caches from the engine.
 */
final class Lane implements AutoCloseable {
    /** The artifactId of Turret's copy (see {@link Contender#turretProject()}). */
    static final String TURRET_PROJECT = "turret-bench";
    static final String SUFFIX = "bench";
    private static final String LAYER = "bench-data/layer.bin";
    private static final String TIMESTAMPS = "-Dorg.slf4j.simpleLogger.showDateTime=true"
            + " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS";

    private final Contender contender;
    private final Path home;
    /** Turret's jib layer cache and reuse cache (of builder outputs and test verdicts), removed for a cold run. */
    private final Path turretCaches;
    private final BenchOptions options;
    private final LargeTree largeTree;
    private RegistryStack stack;
    private Path project;
    private MavenSettings settings;
    private int changes;
    private boolean layerConfigured;
    private boolean released;
    /** The platforms of the last release (empty: the engine's own). */
    private List<String> releasedPlatforms = List.of();
    private ProjectShape shape = ProjectShape.SAMPLE;
    /** The shape of the copy at the last release. */
    private ProjectShape releasedShape = ProjectShape.SAMPLE;

    Lane(Contender contender, BenchOptions options) {
        this.contender = contender;
        this.options = options;
        this.home = options.workDirectory().resolve(contender.namespace());
        this.turretCaches = options.workDirectory()
                .resolve(contender == Contender.TURRET_BEFORE ? "turret-before-caches" : "turret-caches");
        this.largeTree = new LargeTree(options.workDirectory().resolve(contender.namespace() + "-large-tree"), LargeTree.BYTES);
    }

    Contender contender() {
        return contender;
    }

    RegistryStack stack() {
        return stack;
    }

    /**
     * A registry the engine never pushed to, a fresh copy, none of this contender's images; its
     * build caches removed too unless {@code keepCaches} (the quick mode, which checks the harness).
     */
    void startCold(boolean keepCaches) throws Exception {
        close();
        removeImages();
        if (!keepCaches) {
            removeCaches();
        }
        largeTree.moveOutOf(home.resolve("sample-project"));
        deleteRecursively(home);
        Files.createDirectories(home);
        stack = RegistryStack.start(home.resolve("stacks"));
        Path sample = contender == Contender.TURRET_BEFORE ? options.beforeSample().orElse(SampleProject.source())
                : SampleProject.source();
        project = SampleProject.copy(sample, home.resolve("sample-project"));
        prepareProject();
        settings = MavenSettings.encrypted(Files.createDirectories(home.resolve("maven")), stack.address(), stack.username(),
                stack.password());
        layerConfigured = false;
        released = false;
        releasedPlatforms = List.of();
        shape = ProjectShape.SAMPLE;
        releasedShape = ProjectShape.SAMPLE;
    }

    /** True once a release ran since the cold start. */
    boolean released() {
        return released;
    }

    /**
     * True when the last release since the cold start was of the scenario's shape and, for a scenario that names its
     * platforms, of those platforms.
     */
    boolean releasedAs(Scenario scenario) {
        return released && releasedShape == scenario.shape()
                && (scenario.platforms().isEmpty() || releasedPlatforms.equals(scenario.platforms()));
    }

    /** Makes the copy hold what {@code target} needs beyond the sample, and no more; nothing when it does. */
    void reshape(ProjectShape target) throws IOException {
        if (target == shape) {
            return;
        }
        switch (shape) {
            case SAMPLE -> {
            }
            case MANY_SERVICES -> GeneratedServices.remove(project, contender);
            case LARGE_TREE -> largeTree.moveOutOf(project);
        }
        switch (target) {
            case SAMPLE -> {
            }
            case MANY_SERVICES -> GeneratedServices.add(project, contender);
            case LARGE_TREE -> largeTree.moveInto(project);
        }
        shape = target;
    }

    /** Loads the Maven contenders' plugins once (a help goal resolves all they need), so that the measured runs can be offline. */
    void resolvePlugins() throws Exception {
        if (contender == Contender.SCRIPT) {
            return;
        }
        MavenRun.Result result = MavenRun.run(project, mavenEnvironment(),
                withRepository(contender.turret() ? List.of("turret:help") : List.of("docker:help", "exec:help")));
        if (!result.succeeded()) {
            throw new IllegalStateException("Could not resolve the plugins of " + contender.title() + ":\n" + result.output());
        }
    }

    private void prepareProject() throws IOException {
        Path files = options.benchDirectory();
        if (contender.turret()) {
            Path pom = project.resolve("pom.xml");
            Files.writeString(pom, Files.readString(pom).replaceFirst("<artifactId>turret-sample</artifactId>",
                    "<artifactId>" + contender.turretProject() + "</artifactId>"));
            return;
        }
        Files.copy(files.resolve("script/release.sh"), project.resolve("release.sh"));
        Path docker = Files.createDirectories(project.resolve("docker"));
        try (Stream<Path> dockerfiles = Files.list(files.resolve("docker"))) {
            for (Path file : dockerfiles.filter(f -> f.toString().endsWith(".Dockerfile")).toList()) {
                Files.copy(file, docker.resolve(file.getFileName()));
            }
        }
        Files.copy(files.resolve("docker/dockerignore"), project.resolve(".dockerignore"));
        if (contender == Contender.FABRIC8) {
            Files.copy(files.resolve("fabric8/pom.xml"), project.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Changes a string the api prints: the binary, and so the api's image, changes. */
    void changeGo() throws IOException {
        changes++;
        edit("go/cmd/api/main.go", "\"listening on %s[^\"]*\"", "\"listening on %s (bench change " + changes + ")\"");
    }

    /** Changes a string that one of the generated services prints: its binary, and so its image, changes. */
    void changeGeneratedService() throws IOException {
        changes++;
        String name = GeneratedServices.CHANGED;
        edit(GeneratedServices.source(name), "\"" + name + " serving on %s[^\"]*\"",
                "\"" + name + " serving on %s (bench change " + changes + ")\"");
    }

    /** Changes a value in the front end's page module. */
    void changePython() throws IOException {
        changes++;
        Path page = project.resolve("frontend/app/page.py");
        String text = Files.readString(page).replaceAll("\n# bench change \\d+\nBENCH_CHANGE = \\d+\n", "");
        Files.writeString(page, text + "\n# bench change " + changes + "\nBENCH_CHANGE = " + changes + "\n");
    }

    /** Puts one layer of {@code bytes} random bytes into the front end's image. */
    void setLayer(long bytes) throws IOException {
        Path file = Files.createDirectories(project.resolve("bench-data")).resolve("layer.bin");
        SplittableRandom random = new SplittableRandom(bytes ^ System.nanoTime());
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
        if (!layerConfigured) {
            if (contender.turret()) {
                edit("pom.xml", "(<into>/srv/app</into>\\s*</layer>)", "$1<layer><path>" + LAYER + "</path><into>/srv/" + LAYER
                        + "</into></layer>");
            } else {
                Files.writeString(project.resolve("docker/frontend.Dockerfile"), "COPY " + LAYER + " /srv/" + LAYER + "\n",
                        StandardOpenOption.APPEND);
            }
            layerConfigured = true;
        }
    }

    private void edit(String file, String regex, String replacement) throws IOException {
        Path path = project.resolve(file);
        String before = Files.readString(path);
        String after = before.replaceFirst(regex, replacement);
        if (after.equals(before)) {
            throw new IllegalStateException("The benchmark found nothing to change in " + path + " (" + regex + ")");
        }
        Files.writeString(path, after);
    }

    /**
     * Starts this contender's release of the project for {@code platforms} (empty: the engine's own, as
     * MavenRun passes to Maven, and the script's commands without a platform); its output goes to {@link #log()}.
     */
    Process start(List<String> platforms) throws IOException {
        released = true;
        releasedPlatforms = List.copyOf(platforms);
        releasedShape = shape;
        return switch (contender) {
            case SCRIPT -> {
                ProcessBuilder builder = new ProcessBuilder("sh", "release.sh").directory(project.toFile())
                        .redirectErrorStream(true).redirectOutput(log().toFile());
                builder.environment().putAll(Map.of("REGISTRY", stack.address(), "NAMESPACE", contender.namespace(),
                        "SUFFIX", suffix(), "REGISTRY_USER", stack.username(), "REGISTRY_PASSWORD", stack.password(),
                        "DOCKER_CONFIG", home.resolve("docker-config").toString()));
                if (!platforms.isEmpty()) {
                    builder.environment().put("PLATFORMS", String.join(" ", platforms));
                }
                yield builder.start();
            }
            case FABRIC8 -> MavenRun.start(project, mavenEnvironment(), withRepository("-o", "verify",
                    "-Dbench.registry=" + stack.address(), "-Dbench.namespace=" + contender.namespace(), "-Dsuffix=" + suffix()));
            case TURRET, TURRET_BEFORE -> {
                List<String> args = new ArrayList<>(List.of("-o", "turret:release",
                        "-Dsuffix=" + suffix(), "-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + contender.namespace(),
                        "-Dturret.cache=" + turretCaches.resolve("jib"),
                        "-Dturret.reuseCache=" + turretCaches.resolve("reuse")));
                if (!platforms.isEmpty()) {
                    args.add("-D" + MavenRun.PLATFORMS + "=" + String.join(",", platforms)); // every one tested: the default
                }
                yield MavenRun.start(project, mavenEnvironment(), withRepository(args));
            }
        };
    }

    /**
     * The deploy suffix of a release in the copy's shape: the many services are released with a suffix of their own,
     * because Turret keeps a release journal per suffix in the registry and refuses one that names a service the
     * project does not have (the generated ones, once the lane is back to the plain sample).
     */
    String suffix() {
        return shape == ProjectShape.MANY_SERVICES ? SUFFIX + "-many" : SUFFIX;
    }

    /** Where the last release's output is. */
    Path log() {
        return project.resolve(contender == Contender.SCRIPT ? "script-output.log" : "maven-output.log");
    }

    private Map<String, String> mavenEnvironment() {
        return Map.of("MAVEN_OPTS", (System.getenv().getOrDefault("MAVEN_OPTS", "") + " " + TIMESTAMPS).strip());
    }

    private String[] withRepository(String... args) {
        return withRepository(List.of(args));
    }

    private String[] withRepository(List<String> args) {
        List<String> all = new ArrayList<>(settings.arguments());
        // the build before the change runs its plugin from the repository it was installed into
        Optional<String> repository = contender == Contender.TURRET_BEFORE ? options.turretBefore().map(Path::toString)
                : options.localRepository();
        repository.ifPresent(path -> all.add("-Dmaven.repo.local=" + path));
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private void removeImages() {
        String marker = "/" + contender.namespace() + "/";
        List<String> images = Commands.run("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").lines()
                .filter(image -> image.contains(marker))
                .map(image -> image.contains(":<none> ") ? image.substring(image.indexOf(' ') + 1) : image.substring(0, image.indexOf(' ')))
                .distinct().toList();
        if (!images.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "image", "rm", "-f"));
            command.addAll(images);
            Commands.run(command, "");
        }
    }

    private void removeCaches() throws IOException {
        if (contender.turret()) {
            deleteRecursively(turretCaches);
        }
        Commands.run("docker", "volume", "ls", "-q").lines().filter(contender::ownsVolume)
                .forEach(volume -> Commands.run("docker", "volume", "rm", "-f", volume));
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
