package io.turret.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
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
        private volatile Throwable error;

        @Override
        public void onError(Throwable throwable) {
            if (error == null) {
                error = throwable;
            }
            closeQuietly(this);
        }

        @Override
        protected void throwFirstError() {
            rethrow(error);
        }
    }

    /** A pull whose first error, or the engine's report that it did not pull, {@code awaitCompletion} throws. */
    static final class Pull extends PullImageResultCallback {
        private volatile Throwable error;

        @Override
        public void onError(Throwable throwable) {
            if (error == null) {
                error = throwable;
            }
            closeQuietly(this);
        }

        @Override
        protected void throwFirstError() {
            rethrow(error);
            super.throwFirstError();
        }
    }

    private static void rethrow(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error != null) {
            throw new DockerClientException(String.valueOf(error.getMessage()), error);
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
