package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.LogSink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The wait for the output after the exit: as long as it flows, and no longer once it stalls. */
class LogPumpTest {

    private static final Duration STALL = Duration.ofMillis(300);

    @Test
    void output_that_keeps_coming_long_after_the_exit_is_waited_for() throws InterruptedException {
        AtomicInteger chunks = new AtomicInteger();
        // Ten stall times' worth of output, a chunk every third of a stall time.
        LogPump pump = pump(sink -> {
            for (int i = 0; i < 30; i++) {
                sink.write(LogStream.STDOUT, new byte[] {'x'});
                chunks.incrementAndGet();
                pause(STALL.toMillis() / 3);
            }
        });
        pump.start();

        assertThat(pump.drain()).isTrue();
        assertThat(chunks).hasValue(30);
        assertThat(pump.failure()).isNull();
    }

    @Test
    void output_that_stalls_is_given_up_after_the_stall_time() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        LogPump pump = pump(sink -> {
            sink.write(LogStream.STDOUT, new byte[] {'x'});
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pump.start();
        long started = System.nanoTime();

        assertThat(pump.drain()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(STALL)
                .isLessThan(STALL.multipliedBy(10));
        never.countDown();
    }

    @Test
    void output_that_breaks_ends_the_wait_and_says_why() throws InterruptedException {
        LogPump pump = pump(sink -> {
            throw new EngineUnreachable("192.0.2.9", "the connection broke", null);
        });
        pump.start();

        assertThat(pump.drain()).isTrue();
        assertThat(pump.failure()).isInstanceOf(EngineUnreachable.class).hasMessageContaining("192.0.2.9");
    }

    @Test
    void the_sink_is_told_to_flush_when_the_engine_says_so() throws InterruptedException {
        AtomicInteger flushes = new AtomicInteger();
        LogSink sink = new LogSink() {
            @Override
            public void write(LogStream stream, byte[] chunk) {
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        LogPump pump = new LogPump(engine(s -> s.flush()), "c1", sink, "sr-test", STALL);
        pump.start();
        assertThat(pump.drain()).isTrue();
        assertThat(flushes).hasValue(1);
    }

    private static LogPump pump(Consumer<LogSink> output) {
        return new LogPump(engine(output), "c1", (stream, chunk) -> { }, "sr-test", STALL);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An engine whose only part is the output. */
    private static ContainerEngine engine(Consumer<LogSink> output) {
        return new ContainerEngine() {
            @Override
            public void streamLogs(String containerId, LogSink sink) {
                output.accept(sink);
            }

            @Override
            public String ping() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void pull(ImageRef image, RegistryCredentials credentials, Duration timeout,
                             Consumer<PullProgress> progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String create(ContainerSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void attach(String containerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void start(String containerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public dev.spotrun.domain.CopyTally copyIn(String containerId, dev.spotrun.domain.CopyIn copy,
                                                       Consumer<dev.spotrun.domain.CopyTally> progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public dev.spotrun.domain.ArtifactReport copyOut(String containerId, dev.spotrun.domain.Artifact a,
                                                             boolean overwrite,
                                                             Consumer<dev.spotrun.domain.CopyTally> progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int awaitExit(String containerId, Duration timeout) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void stop(String containerId, Duration grace) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void remove(String containerId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }
}
