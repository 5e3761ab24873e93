package io.turret.it.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The large-source-tree scenario's files (issue 23): {@link #BYTES} bytes in the sample's Go module under
 * {@code go/testdata/}, which {@code go vet ./...} and {@code go test ./...} pass over. Four files in five are
 * vendored-like Go code (1 to 32 KiB of text), the fifth binary test data (8 KiB to 2 MiB of random bytes): about
 * 2,500 files in a few hundred folders, the same bytes in every lane and every run (a fixed seed).
 * <p>
 * Writing them takes a few seconds, so a lane writes them once, into a folder of its own outside its copy, and
 * moves that folder into its copy for the scenario and out again after it (a rename: the files keep their inode and
 * times, as files a commit did not touch do); a cold start, which replaces the copy, moves them out first.
 */
final class LargeTree {
    static final long BYTES = 200L << 20;
    /** Where the tree goes in the copy. */
    static final String IN_PROJECT = "go/testdata/bench-tree";
    private static final long SEED = 23;

    private final Path parked;
    private final long bytes;

    /** A lane's tree of {@code bytes} bytes, kept in {@code parked} while the lane's copy does not hold it. */
    LargeTree(Path parked, long bytes) {
        this.parked = parked;
        this.bytes = bytes;
    }

    /** Written beside the tree once it is complete; a new version of the content needs a new name. */
    private Path complete() {
        return parked.resolve("complete-v1-" + bytes);
    }

    /** Moves the tree into the copy, written first when this lane has none yet. */
    void moveInto(Path project) throws IOException {
        Path tree = parked.resolve("tree");
        if (!Files.exists(complete()) || !Files.isDirectory(tree)) {
            Lane.deleteRecursively(parked);
            long started = System.nanoTime();
            long files = write(tree, bytes);
            Files.writeString(complete(), files + " files, " + bytes + " bytes\n");
            Bench.say("  wrote the large tree: %d files, %d MiB in %.1f s".formatted(files, bytes >> 20,
                    (System.nanoTime() - started) / 1e9));
        }
        Path target = project.resolve(IN_PROJECT);
        Files.createDirectories(target.getParent());
        Files.move(tree, target);
    }

    /** Moves the tree out of the copy when it is there (deletes it when the lane already holds another). */
    void moveOutOf(Path project) throws IOException {
        Path inProject = project.resolve(IN_PROJECT);
        if (!Files.exists(inProject)) {
            return;
        }
        Path tree = parked.resolve("tree");
        if (Files.exists(tree)) {
            Lane.deleteRecursively(inProject);
        } else {
            Files.move(inProject, tree);
        }
        try (Stream<Path> left = Files.list(inProject.getParent())) {
            if (left.findAny().isEmpty()) {
                Files.delete(inProject.getParent());
            }
        }
    }

    /** Writes {@code bytes} bytes of files under {@code root}; returns how many files. */
    static long write(Path root, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] lines = codeLines(random);
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        long files = 0;
        while (written < bytes) {
            boolean data = files % 5 == 4;
            long size = Math.min(bytes - written, data ? logUniform(random, 8 << 10, 2 << 20) : logUniform(random, 1 << 10, 32 << 10));
            Path file = root.resolve(data ? "data/set%02d/blob%04d.bin".formatted(files / 5 % 40, files)
                    : "vendor/example.com/mod%03d/file%04d.go".formatted(files / 20, files));
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                if (data) {
                    for (long left = size; left > 0; left -= chunk.length) {
                        random.nextBytes(chunk);
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                } else {
                    out.write(code(random, lines, (int) size));
                }
            }
            written += size;
            files++;
        }
        return files;
    }

    /** Text of exactly {@code size} bytes, lines of Go-like code picked from {@code lines}. */
    private static byte[] code(SplittableRandom random, String[] lines, int size) {
        StringBuilder text = new StringBuilder(size + 100).append("package vendored\n\n");
        while (text.length() < size) {
            text.append(lines[random.nextInt(lines.length)]);
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String[] codeLines(SplittableRandom random) {
        String[] lines = new String[4096];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = switch (i % 4) {
                case 0 -> "func decode%04d(buf []byte, n int) (int, error) {\n".formatted(random.nextInt(10_000));
                case 1 -> "\tv%d := binary.LittleEndian.Uint%d(buf[%d:])\n".formatted(i, 16 << random.nextInt(3), random.nextInt(512));
                case 2 -> "\tif n > %d {\n\t\treturn 0, errTooLong%d\n\t}\n".formatted(random.nextInt(1 << 16), random.nextInt(100));
                default -> "\treturn n + %d, nil\n}\n\n".formatted(random.nextInt(1 << 20));
            };
        }
        return lines;
    }

    /** A size between min and max, small ones as likely as large ones by their order of magnitude. */
    private static long logUniform(SplittableRandom random, long min, long max) {
        return (long) StrictMath.exp(StrictMath.log(min) + random.nextDouble() * (StrictMath.log(max) - StrictMath.log(min)));
    }
}
