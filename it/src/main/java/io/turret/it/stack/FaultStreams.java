package io.turret.it.stack;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

/** The streams {@link FaultProxy} copies a request body through to break or slow it. */
final class FaultStreams {
    private FaultStreams() {
    }

    /** Passes {@code limit} bytes on, then throws {@link Cut}. */
    static final class CutAfter extends FilterOutputStream {
        private long left;

        CutAfter(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int passed = (int) Math.min(length, left);
            out.write(bytes, offset, passed);
            left -= passed;
            if (passed < length) {
                out.flush();
                throw new Cut();
            }
        }

        static final class Cut extends SocketException {
            private static final long serialVersionUID = 1L;

            Cut() {
                super("cut by the fault proxy");
            }
        }
    }

    /** Passes bytes on no faster than a given rate. */
    static final class Throttled extends FilterOutputStream {
        private final long bytesPerSecond;
        private final long start = System.nanoTime();
        private long written;

        Throttled(OutputStream out, long bytesPerSecond) {
            super(out);
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int slice = (int) Math.max(1, bytesPerSecond / 20);
            for (int done = 0; done < length; done += slice) {
                int part = Math.min(slice, length - done);
                out.write(bytes, offset + done, part);
                out.flush();
                written += part;
                long due = start + written * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while slowing a body down");
                    }
                }
            }
        }
    }
}
