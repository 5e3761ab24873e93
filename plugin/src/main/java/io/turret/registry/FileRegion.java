package io.turret.registry;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blob's bytes where they lie: {@code size} bytes of {@code file} from {@code start}; a whole
 * layer file, or one entry of an image tarball, which a push then reads in place.
 */
public record FileRegion(Path file, long start, long size) {
    /** The whole file. */
    public static FileRegion of(Path file) {
        try {
            return new FileRegion(file, 0, Files.size(file));
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + ": " + Causes.describe(e), e);
        }
    }

    /** Bytes [from, to) of the region, read afresh at each call (a retry reads again). */
    public InputStream open(long from, long to) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(start + from);
            return new FilterInputStream(in) {
                private long left = to - from;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    left--;
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int at, int length) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int read = super.read(buffer, at, (int) Math.min(length, left));
                    if (read > 0) {
                        left -= read;
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + ": " + Causes.describe(e), e);
        }
    }

    /** Bytes [from, to) as a request body of known length. */
    public HttpRequest.BodyPublisher publisher(long from, long to) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(from, to)), to - from);
    }
}
