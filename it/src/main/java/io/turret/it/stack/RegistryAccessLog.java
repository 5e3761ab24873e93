package io.turret.it.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the distribution registry logged (its access-log lines, among its other lines),
 * for tests that count uploads or mounts.
 */
public final class RegistryAccessLog {
    private static final Pattern LINE = Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]+] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) ");

    private RegistryAccessLog() {
    }

    /** Every request in {@code log}, oldest first. */
    public static List<Request> read(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(RegistryAccessLog::parse).flatMap(Optional::stream).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + log, e);
        }
    }

    static Optional<Request> parse(String line) {
        Matcher match = LINE.matcher(line);
        return match.find() ? Optional.of(new Request(match.group(1), match.group(2), Integer.parseInt(match.group(3))))
                : Optional.empty();
    }

    /** One logged request: {@code target} is the path with its query. */
    public record Request(String method, String target, int status) {
        /** The path without the query. */
        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** A blob upload the registry completed ({@code PUT .../blobs/uploads/...} answered 201). */
        public boolean isCompletedUpload() {
            return method.equals("PUT") && path().contains("/blobs/uploads/") && status == 201;
        }

        /** A cross-repository mount the registry made ({@code POST ...?mount=...} answered 201). */
        public boolean isMount() {
            return method.equals("POST") && target.contains("mount=") && status == 201;
        }
    }
}
