package io.turret.it.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Debian mirror this machine's apt uses, read from its sources so debootstrap uses the same one. */
public final class AptMirror {
    private static final Path SOURCES = Path.of("/etc/apt/sources.list");
    private static final Path SOURCES_FOLDER = Path.of("/etc/apt/sources.list.d");

    private AptMirror() {
    }

    /** The URL of the first source that serves {@code suite} (not a security one). */
    public static String forSuite(String suite) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(SOURCES)) {
            files.add(SOURCES);
        }
        if (Files.isDirectory(SOURCES_FOLDER)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(SOURCES_FOLDER, "*.{list,sources}")) {
                entries.forEach(files::add);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + SOURCES_FOLDER, e);
            }
        }
        for (Path file : files) {
            try {
                Optional<String> mirror = find(Files.readString(file), suite);
                if (mirror.isPresent()) {
                    return mirror.get();
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        throw new IllegalStateException("No apt source for Debian " + suite + " in " + SOURCES + " or " + SOURCES_FOLDER
                + "; debootstrap needs one to make the sample's base images.");
    }

    /** Parses both the one-line ({@code deb URL SUITE ...}) and the deb822 ({@code URIs:}/{@code Suites:}) forms. */
    static Optional<String> find(String text, String suite) {
        for (String paragraph : text.split("\\n\\s*\\n")) {
            List<String> uris = new ArrayList<>();
            List<String> suites = new ArrayList<>();
            for (String raw : paragraph.split("\\n")) {
                String line = raw.strip();
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("deb ")) {
                    String[] words = line.replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
                    if (words.length >= 3 && words[2].equals(suite) && !words[1].contains("security")) {
                        return Optional.of(words[1]);
                    }
                } else if (line.regionMatches(true, 0, "URIs:", 0, 5)) {
                    uris.addAll(List.of(line.substring(5).trim().split("\\s+")));
                } else if (line.regionMatches(true, 0, "Suites:", 0, 7)) {
                    suites.addAll(List.of(line.substring(7).trim().split("\\s+")));
                }
            }
            if (suites.contains(suite)) {
                Optional<String> uri = uris.stream().filter(u -> !u.contains("security")).findFirst();
                if (uri.isPresent()) {
                    return uri;
                }
            }
        }
        return Optional.empty();
    }
}
