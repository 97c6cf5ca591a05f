package dev.spotrun.domain.run;

import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Streams a container's output on a thread of its own while the lifecycle waits for the exit. */
final class LogPump {

    /** After the exit, how long the rest of the output may take to arrive. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    LogPump(ContainerEngine engine, String containerId, LogSink sink, String runId) {
        this.thread = new Thread(() -> {
            try {
                engine.streamLogs(containerId, sink);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "spotrun-logs-" + runId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits for the output to end; returns whether it did in time. */
    boolean drain() throws InterruptedException {
        thread.join(DRAIN.toMillis());
        return !thread.isAlive();
    }

    RuntimeException failure() {
        return failure.get();
    }
}
