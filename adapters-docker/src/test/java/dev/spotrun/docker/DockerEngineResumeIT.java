package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker adapter's output and waits over connections that break the ways networks break, between it and a
 * real engine on a fake EC2 host: cut at random offsets in a fast stream, stalled while the container exits,
 * and silently black-holed.
 */
class DockerEngineResumeIT {

    private static final Duration RUN = Duration.ofMinutes(3);

    private static ConnectedHost connected;
    private static EngineHosts hosts;
    private static FakeEc2Host host;
    private static ContainerEnginePort engines;
    private static EngineTrust trust;
    private static ContainerEngine engine;

    @BeforeAll
    static void bootHost() throws InterruptedException {
        connected = ConnectedHost.boot("sr-resume-it", progress -> { });
        hosts = connected.hosts;
        host = connected.host;
        engines = connected.engines;
        trust = connected.trust;
        engine = connected.engine;
    }

    @AfterAll
    static void stopHost() {
        if (connected != null) {
            connected.close();
        }
    }

    @AfterEach
    void removeContainers() {
        connected.removeContainers();
    }

    @Test
    void cuts_at_random_offsets_in_a_fast_64_mib_stream_of_stdout_and_stderr_lose_and_repeat_nothing() throws Exception {
        int lines = 1 << 17;
        // 512-byte numbered lines (64 MiB) as fast as awk writes them, with a stderr line after every 1,000th.
        String id = connected.create(connected.busybox("awk 'BEGIN { pad = sprintf(\"%502s\", \"\"); gsub(/ /, \"x\", pad);"
                + " for (i = 1; i <= " + lines + "; i++) { printf \"%08d %s\\n\", i, pad;"
                + " if (i % 1000 == 0) printf \"err %d\\n\", i > \"/dev/stderr\" } }'"));
        long[] next = {1, 1000};
        Lines checked = new Lines((stream, line) -> {
            if (stream == LogStream.STDOUT) {
                assertThat(line).hasSize(511).startsWith(String.format("%08d x", next[0]++));
            } else {
                assertThat(line).isEqualTo("err " + next[1]);
                next[1] += 1000;
            }
        });
        long started = System.nanoTime();
        try (DroppingProxy proxy = new DroppingProxy(host.address(), host.enginePort(), new Random(64), 256 << 10,
                8 << 20, 6);
             ContainerEngine flaky = engines.connect(proxy.address(), trust)) {
            flaky.attach(id);
            flaky.start(id);
            flaky.streamLogs(id, checked);
            assertThat(flaky.awaitExit(id, RUN)).isZero();
            System.out.printf("64 MiB in %.1f s through %d cut connections%n", (System.nanoTime() - started) / 1e9,
                    proxy.drops());
            assertThat(proxy.drops()).as("connections cut").isGreaterThanOrEqualTo(3);
        }
        assertThat(next).containsExactly(lines + 1L, (lines / 1000 + 1) * 1000L);
        assertThat(checked.rest(LogStream.STDOUT)).isEmpty();
        assertThat(checked.bytes()).isEqualTo(512L * lines + stderrBytes(lines));
    }

    @Test
    void a_cut_right_after_the_container_exited_loses_nothing() throws Exception {
        // About 580 KB at once, then the exit: the engine holds what the stalled connection does not take.
        String id = connected.create(connected.busybox("seq 1 100000; echo done >&2"));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        AtomicLong received = new AtomicLong();
        try (DroppingProxy proxy = new DroppingProxy(host.address(), host.enginePort(), Long.MAX_VALUE, 0);
             ContainerEngine flaky = engines.connect(proxy.address(), trust)) {
            proxy.stallAfter(64 << 10);
            flaky.attach(id);
            flaky.start(id);
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> flaky.streamLogs(id, new Lines(
                    (stream, line) -> {
                        received.addAndGet(line.length() + 1);
                        (stream == LogStream.STDOUT ? out : err).append(line).append('\n');
                    })));
            assertThat(engine.awaitExit(id, RUN)).as("the exit, seen by a client of its own").isZero();
            long beforeCut = received.get();
            proxy.cutAll();
            streaming.get(2, TimeUnit.MINUTES);
            assertThat(beforeCut).as("bytes through before the cut").isLessThan(588_895);
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 100000; i++) {
            expected.append(i).append('\n');
        }
        assertThat(out.toString()).isEqualTo(expected.toString());
        assertThat(err).hasToString("done\n");
    }

    @Test
    void an_engine_gone_silent_is_unreachable_within_a_minute_and_no_call_hangs() throws Exception {
        String id = connected.create(connected.busybox("echo started; sleep 600"));
        AtomicReference<Throwable> streamEnd = new AtomicReference<>();
        CompletableFuture<String> started = new CompletableFuture<>();
        try (DroppingProxy proxy = new DroppingProxy(host.address(), host.enginePort(), Long.MAX_VALUE, 0);
             ContainerEngine flaky = engines.connect(proxy.address(), trust)) {
            flaky.attach(id);
            flaky.start(id);
            Thread streaming = new Thread(() -> {
                try {
                    flaky.streamLogs(id, new Lines((stream, line) -> started.complete(line)));
                } catch (RuntimeException e) {
                    streamEnd.set(e);
                }
            });
            streaming.start();
            assertThat(started.get(30, TimeUnit.SECONDS)).isEqualTo("started");

            proxy.blackHole();
            long silent = System.nanoTime();
            assertThatThrownBy(() -> flaky.awaitExit(id, Duration.ofMinutes(30))).isInstanceOf(EngineUnreachable.class)
                    .hasMessageContaining(proxy.address());
            Duration noticed = Duration.ofNanos(System.nanoTime() - silent);
            long pinged = System.nanoTime();
            assertThatThrownBy(flaky::ping).isInstanceOf(EngineUnreachable.class);
            Duration pingFailed = Duration.ofNanos(System.nanoTime() - pinged);
            System.out.printf("black hole noticed by the wait after %.1f s, by a ping after %.1f s%n",
                    noticed.toMillis() / 1e3, pingFailed.toMillis() / 1e3);
            assertThat(noticed).as("time until the wait noticed").isLessThan(Duration.ofMinutes(1));
            assertThat(pingFailed).as("time until the ping failed").isLessThan(Duration.ofSeconds(20));

            flaky.close();
            streaming.join(5000);
            assertThat(streaming.isAlive()).as("the output still waited for after close").isFalse();
        }
        engine.stop(id, Duration.ZERO);
    }

    private static long stderrBytes(int lines) {
        long bytes = 0;
        for (int i = 1000; i <= lines; i += 1000) {
            bytes += ("err " + i + "\n").length();
        }
        return bytes;
    }


}
