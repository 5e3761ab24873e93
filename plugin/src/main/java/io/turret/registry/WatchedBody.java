package io.turret.registry;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body that notes when its bytes last moved and how many went, so that a timeout can
 * measure inactivity rather than the whole body (a big layer on a slow link is not a failure).
 */
final class WatchedBody implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private final AtomicLong lastMoved = new AtomicLong(System.nanoTime());
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean complete;

    WatchedBody(HttpRequest.BodyPublisher body) {
        this.body = body;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    /** {@link System#nanoTime()} when a byte last went. */
    long lastMoved() {
        return lastMoved.get();
    }

    /** Whether the whole body was handed to the connection (some of it may still sit in its buffers). */
    boolean complete() {
        return complete;
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                sent.addAndGet(item.remaining());
                lastMoved.set(System.nanoTime());
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                lastMoved.set(System.nanoTime());
                complete = true;
                subscriber.onComplete();
            }
        });
    }
}
