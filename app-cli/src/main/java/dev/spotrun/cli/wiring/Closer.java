package dev.spotrun.cli.wiring;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a cloud session made and must release, closed in reverse order; one failing does not stop the rest. */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception ignored) {
                // Releasing clients at exit must not hide the run's own result.
            }
        }
    }
}
