package io.turret.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import io.turret.failure.Causes;
import java.io.Closeable;
import java.io.IOException;

/**
 * docker-java's callbacks log every error of a stream with its stack trace at ERROR level before
 * the caller sees it; these keep the error for the caller alone, who turns it into one message.
 */
final class QuietCallbacks {
    private QuietCallbacks() {
    }

    /** A stream of items (log frames) whose first error {@code awaitCompletion} throws. */
    static class Quiet<T> extends ResultCallback.Adapter<T> {
        private final FirstError error = new FirstError();

        @Override
        public void onError(Throwable throwable) {
            error.keep(throwable, this);
        }

        @Override
        protected void throwFirstError() {
            error.rethrow();
        }
    }

    /** A pull whose first error, or the engine's report that it did not pull, {@code awaitCompletion} throws. */
    static final class Pull extends PullImageResultCallback {
        private final FirstError error = new FirstError();

        @Override
        public void onError(Throwable throwable) {
            error.keep(throwable, this);
        }

        @Override
        protected void throwFirstError() {
            error.rethrow();
            super.throwFirstError();
        }
    }

    /** The first error of a stream, which ends it. */
    private static final class FirstError {
        private volatile Throwable first;

        void keep(Throwable error, Closeable stream) {
            if (first == null) {
                first = error;
            }
            closeQuietly(stream);
        }

        void rethrow() {
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error fatal) {
                throw fatal;
            }
            if (first != null) {
                throw new DockerClientException(Causes.describe(first), first);
            }
        }
    }

    static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the stream ends either way; its error, if any, is the one kept
        }
    }
}
