package dev.spotrun.testkit.contract;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.ContainerEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Streams a container's output on a thread of its own and keeps it, per stream. */
final class LogCollector {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Thread thread;

    static LogCollector stream(ContainerEngine engine, String containerId) {
        LogCollector collector = new LogCollector();
        collector.thread = new Thread(() -> {
            try {
                engine.streamLogs(containerId, collector::write);
            } catch (RuntimeException e) {
                collector.failure.set(e);
            }
        }, "contract-logs");
        collector.thread.setDaemon(true);
        collector.thread.start();
        return collector;
    }

    private synchronized void write(LogStream stream, byte[] chunk) {
        (stream == LogStream.STDOUT ? stdout : stderr).writeBytes(chunk);
    }

    void await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the output did not end within " + timeout + " of the exit");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
