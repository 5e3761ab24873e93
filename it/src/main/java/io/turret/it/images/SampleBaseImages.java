package io.turret.it.images;

import com.github.dockerjava.api.exception.NotFoundException;
import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.host.DockerEngine;
import io.turret.it.stack.RegistryStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images the sample project builds on. No public registry is reachable, so each is a Debian
 * root file system made with debootstrap from this machine's apt mirror and imported into the
 * engine under a stable local name. An image already in the engine is kept: only a cold machine
 * pays for debootstrap. Change a recipe's packages and bump its tag together.
 *
 * <p>Run it by hand with {@code mvn -pl it exec:java -Dexec.mainClass=io.turret.it.images.SampleBaseImages}.
 */
public final class SampleBaseImages {
    public static final String SUITE = "bookworm";

    /** One base image: its local name and the Debian packages on top of a minimal system. */
    public record Recipe(String repository, String tag, List<String> packages) {
        public String reference() {
            return repository + ":" + tag;
        }
    }

    public static final Recipe GO_BUILDER = new Recipe("turret-sample/go-builder", "bookworm-1",
            List.of("golang-go", "ca-certificates"));
    public static final Recipe PYTHON = new Recipe("turret-sample/python", "bookworm-1", List.of("python3"));
    public static final Recipe REDIS = new Recipe("turret-sample/redis", "bookworm-1", List.of("redis-server"));
    public static final Recipe ETCD = new Recipe("turret-sample/etcd", "bookworm-1", List.of("etcd-server"));
    public static final List<Recipe> ALL = List.of(GO_BUILDER, PYTHON, REDIS, ETCD);

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

    /** Makes every image that is not in the engine yet; returns the ones it made. */
    public List<Recipe> ensureAll() {
        List<Recipe> made = new ArrayList<>();
        for (Recipe recipe : ALL) {
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
        String mirror = AptMirror.forSuite(SUITE);
        System.out.println("[base-images] " + recipe.reference() + ": debootstrap " + SUITE + " with "
                + recipe.packages() + " (once per machine, about a minute)");
        Path root = null;
        try {
            Files.createDirectories(debootstrapCache);
            root = Files.createTempDirectory("turret-rootfs-");
            Commands.run("debootstrap", "--variant=minbase", "--include=" + String.join(",", recipe.packages()),
                    "--cache-dir=" + debootstrapCache, SUITE, root.toString(), mirror);
            Commands.run("sh", "-c", "rm -rf \"$0\"/var/lib/apt/lists/* \"$0\"/var/cache/apt/*.bin", root.toString());
            importRoot(root, recipe);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make " + recipe.reference() + ": " + e.getMessage(), e);
        } finally {
            if (root != null) {
                Commands.run("rm", "-rf", "--one-file-system", root.toString());
            }
        }
        System.out.println("[base-images] " + recipe.reference() + ": imported");
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

    public static void main(String[] args) {
        List<Recipe> made = onDefaultEngine().ensureAll();
        System.out.println("[base-images] ready: " + ALL.stream().map(Recipe::reference).toList()
                + (made.isEmpty() ? " (all were there already)" : " (made now: " + made.size() + ")"));
    }
}
