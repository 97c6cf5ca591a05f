package dev.spotrun.docker;

import com.github.dockerjava.api.async.ResultCallbackTemplate;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A streamed docker-java call (pull, wait) whose items go to a consumer and whose end the caller awaits. */
final class Streamed<T> extends ResultCallbackTemplate<Streamed<T>, T> {

    private final Consumer<T> items;

    Streamed(Consumer<T> items) {
        this.items = items;
    }

    @Override
    public void onNext(T item) {
        items.accept(item);
    }

    /**
     * Waits for the end; returns false when {@code timeout} passed first (the call is then aborted).
     *
     * @throws InterruptedException when the waiting thread is interrupted (the call is then aborted)
     * @throws RuntimeException     the call's first error
     */
    boolean await(Duration timeout) throws InterruptedException {
        // awaitCompletion closes the call whatever happens: on time-out and interrupt too.
        return awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    void abort() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // Aborting a call that is already gone is done.
        }
    }
}
