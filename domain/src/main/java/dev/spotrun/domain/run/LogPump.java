package dev.spotrun.domain.run;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Streams a container's output on a thread of its own while the lifecycle waits for the exit. */
final class LogPump {

    /**
     * After the exit, how long the output may pause before it counts as stalled. Output that keeps coming is
     * waited for however long it takes: a fast container may exit with much of its output still on the way.
     */
    static final Duration DRAIN = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final Thread thread;
    private final Duration stall;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    LogPump(ContainerEngine engine, String containerId, LogSink sink, String runId) {
        this(engine, containerId, sink, runId, DRAIN);
    }

    LogPump(ContainerEngine engine, String containerId, LogSink sink, String runId, Duration stall) {
        this.stall = stall;
        LogSink counting = new LogSink() {
            @Override
            public void write(LogStream stream, byte[] chunk) {
                bytes.addAndGet(chunk.length);
                sink.write(stream, chunk);
            }

            @Override
            public void flush() {
                sink.flush();
            }
        };
        this.thread = new Thread(() -> {
            try {
                engine.streamLogs(containerId, counting);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "spotrun-logs-" + runId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits for the output to end, for as long as it keeps coming; returns false once no byte came for the
     * stall time (measured from the call, or from the last byte since).
     */
    boolean drain() throws InterruptedException {
        long seen = bytes.get();
        long quietSince = System.nanoTime();
        while (true) {
            thread.join(POLL_MILLIS);
            if (!thread.isAlive()) {
                return true;
            }
            long now = bytes.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= stall.toNanos()) {
                return false;
            }
        }
    }

    RuntimeException failure() {
        return failure.get();
    }
}
