package io.turret.it.images;

import com.github.dockerjava.api.exception.NotFoundException;
import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.host.DockerEngine;
import io.turret.it.host.Emulation;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images the sample project builds on. No public registry is reachable, so each is a Debian
 * root file system made with debootstrap from this machine's apt mirror and imported into the
 * engine under a stable local name. An image already in the engine is kept: only a cold machine
 * pays for debootstrap. Change a recipe's packages and bump its tag together.
 *
 * <p>Run it by hand with {@code mvn -pl it exec:java -Dexec.mainClass=io.turret.it.images.SampleBaseImages}
 * ({@code -Dexec.args=arm64} for the arm64 bases too, which sets up arm64 emulation first).
 */
public final class SampleBaseImages {
    public static final String SUITE = "bookworm";

    /**
     * One base image: its local name and the Debian packages on top of a minimal system.
     *
     * @param architecture Debian's architecture to make it for, under emulation; empty for this machine's own
     */
    public record Recipe(String repository, String tag, List<String> packages, Optional<String> architecture) {
        public Recipe(String repository, String tag, List<String> packages) {
            this(repository, tag, packages, Optional.empty());
        }

        public String reference() {
            return repository + ":" + tag;
        }

        /** The same base for linux/arm64, {@code -arm64} after its tag: {@code turret-sample/redis:bookworm-1-arm64}. */
        public Recipe arm64() {
            return new Recipe(repository, tag + "-" + ARM64, packages, Optional.of(ARM64));
        }
    }

    private static final String ARM64 = "arm64";

    public static final Recipe GO_BUILDER = new Recipe("turret-sample/go-builder", "bookworm-1",
            List.of("golang-go", "ca-certificates"));
    public static final Recipe PYTHON = new Recipe("turret-sample/python", "bookworm-1", List.of("python3"));
    public static final Recipe REDIS = new Recipe("turret-sample/redis", "bookworm-1", List.of("redis-server"));
    public static final Recipe ETCD = new Recipe("turret-sample/etcd", "bookworm-1", List.of("etcd-server"));
    public static final List<Recipe> ALL = List.of(GO_BUILDER, PYTHON, REDIS, ETCD);
    /**
     * The bases of the sample's linux/arm64 images: the runtime bases of its services. The Go builder runs natively
     * and cross-compiles, and etcd is a test container of the engine's own platform, so neither has an arm64 base.
     */
    public static final List<Recipe> ALL_ARM64 = List.of(PYTHON.arm64(), REDIS.arm64());

    private final DockerEngine docker;
    private final Path debootstrapCache;

    public SampleBaseImages(DockerEngine docker, Path debootstrapCache) {
        this.docker = docker;
        this.debootstrapCache = debootstrapCache;
    }

    /** The default: the engine the tests use, debs cached in ~/.cache/turret/debootstrap. */
    public static SampleBaseImages onDefaultEngine() {
        return new SampleBaseImages(RegistryStackExtension.engine(),
                Path.of(System.getProperty("user.home"), ".cache", "turret", "debootstrap"));
    }

    /**
     * Makes every image that is not in the engine yet, the arm64 bases too once sample-project releases linux/arm64;
     * returns the ones it made.
     */
    public List<Recipe> ensureAll() {
        List<Recipe> made = ensure(ALL);
        if (sampleReleasesArm64()) {
            made.addAll(ensureArm64());
        }
        return made;
    }

    /** Whether sample-project's pom names linux/arm64 (in its {@code <platforms>}): then its tests need the arm64 bases. */
    static boolean sampleReleasesArm64() {
        try {
            return Files.readString(SampleProject.source().resolve("pom.xml")).contains("linux/" + ARM64);
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets arm64 emulation up, then makes the arm64 bases that are not in the engine yet; returns the ones it made. */
    public List<Recipe> ensureArm64() {
        // also when the images are there: the registration is the kernel's, gone after a reboot, and their tests need it
        Emulation.ensureArm64();
        return ensure(ALL_ARM64);
    }

    private List<Recipe> ensure(List<Recipe> recipes) {
        List<Recipe> made = new ArrayList<>();
        for (Recipe recipe : recipes) {
            if (ensure(recipe)) {
                made.add(recipe);
            }
        }
        return made;
    }

    /** True when the image had to be made, false when the engine had it already. */
    public boolean ensure(Recipe recipe) {
        if (present(recipe)) {
            return false;
        }
        make(recipe);
        return true;
    }

    public boolean present(Recipe recipe) {
        try {
            docker.client().inspectImageCmd(recipe.reference()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void make(Recipe recipe) {
        DebianPackages.ensureCommands(List.of("debootstrap"));
        recipe.architecture().ifPresent(architecture -> Emulation.ensureArm64());
        String mirror = AptMirror.forSuite(SUITE);
        System.out.println("[base-images] " + recipe.reference() + ": debootstrap " + SUITE + " with "
                + recipe.packages() + recipe.architecture().map(architecture -> " for " + architecture
                + " (once per machine, about 2 minutes: its second stage runs emulated)")
                .orElse(" (once per machine, about a minute)"));
        Path root = null;
        try {
            Files.createDirectories(debootstrapCache);
            root = Files.createTempDirectory("turret-rootfs-");
            List<String> debootstrap = new ArrayList<>(List.of("debootstrap", "--variant=minbase"));
            recipe.architecture().ifPresent(architecture -> debootstrap.add("--arch=" + architecture));
            debootstrap.addAll(List.of("--include=" + String.join(",", recipe.packages()), "--cache-dir=" + debootstrapCache,
                    SUITE, root.toString(), mirror));
            Commands.run(debootstrap, "");
            Commands.run("sh", "-c", "rm -rf \"$0\"/var/lib/apt/lists/* \"$0\"/var/cache/apt/*.bin", root.toString());
            if (recipe.architecture().isPresent()) {
                loadRoot(root, recipe, recipe.architecture().get());
            } else {
                importRoot(root, recipe);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make " + recipe.reference() + ": " + e.getMessage(), e);
        } finally {
            if (root != null) {
                Commands.run("rm", "-rf", "--one-file-system", root.toString());
            }
        }
        System.out.println("[base-images] " + recipe.reference() + ": "
                + (recipe.architecture().isPresent() ? "loaded" : "imported"));
    }

    /** GNU tar reads the root file system (device nodes and all); the engine imports the stream. */
    private void importRoot(Path root, Recipe recipe) throws IOException {
        Process tar = new ProcessBuilder("tar", "--numeric-owner", "-C", root.toString(), "-c", ".")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (InputStream stream = tar.getInputStream()) {
            docker.importImage(stream, recipe.repository(), recipe.tag());
        }
        try {
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar of " + root + " failed for " + recipe.reference());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing " + recipe.reference(), e);
        }
        if (!present(recipe)) {
            throw new IllegalStateException("The engine did not keep " + recipe.reference() + " after the import");
        }
    }

    /**
     * Another architecture's root file system cannot be imported: the engine records its own architecture whatever
     * {@code docker import --platform} says. So it is loaded as a {@code docker save} archive of one layer, whose
     * config names the architecture.
     */
    private void loadRoot(Path root, Recipe recipe, String architecture) throws IOException {
        Path archive = Files.createTempDirectory("turret-arm64-image-");
        try {
            Path layer = archive.resolve("layer.tar");
            Commands.run("tar", "--numeric-owner", "-C", root.toString(), "-cf", layer.toString(), ".");
            String diffId = "sha256:" + Commands.run("sha256sum", layer.toString()).substring(0, 64);
            Files.writeString(archive.resolve("config.json"), "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\","
                    + "\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}");
            Files.writeString(archive.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":[\""
                    + recipe.reference() + "\"],\"Layers\":[\"layer.tar\"]}]");
            Process tar = new ProcessBuilder("tar", "-C", archive.toString(), "-c", "manifest.json", "config.json", "layer.tar")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (InputStream stream = tar.getInputStream()) {
                docker.client().loadImageCmd(stream).exec();
            }
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar of " + archive + " failed for " + recipe.reference());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading " + recipe.reference(), e);
        } finally {
            Commands.run("rm", "-rf", archive.toString());
        }
        if (!present(recipe)) {
            throw new IllegalStateException("The engine did not keep " + recipe.reference() + " after the load");
        }
    }

    public static void main(String[] args) {
        List<Recipe> made = new ArrayList<>(onDefaultEngine().ensureAll());
        if (List.of(args).contains("arm64")) {
            made.addAll(onDefaultEngine().ensureArm64());
        }
        System.out.println("[base-images] ready: " + ALL.stream().map(Recipe::reference).toList()
                + (made.isEmpty() ? " (all were there already)" : " (made now: " + made.size() + ")"));
    }
}
