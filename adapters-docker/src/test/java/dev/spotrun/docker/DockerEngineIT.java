package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link dev.spotrun.docker.DockerEngines}' engine against a real Docker engine on a fake EC2 host. */
class DockerEngineIT {

    private static final Duration PULL = Duration.ofMinutes(2);
    private static final Duration RUN = Duration.ofMinutes(2);

    private static final List<PullProgress> FIRST_PULL = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static ConnectedHost connected;
    private static EngineHosts hosts;
    private static FakeEc2Host host;
    private static ContainerEnginePort engines;
    private static EngineTrust trust;
    private static ContainerEngine engine;

    @BeforeAll
    static void bootHost() throws InterruptedException {
        connected = ConnectedHost.boot("sr-engine-it", FIRST_PULL::add);
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
    void ping_returns_the_daemons_own_api_version() {
        assertThat(engine.ping()).matches("\\d+\\.\\d+");
    }

    @Test
    void runs_a_container_with_every_option_and_keeps_its_streams_apart() {
        ContainerSpec spec = connected.busybox("echo out $GREETING; pwd; id -u; echo err >&2; exit 3")
                .withEnv(Map.of("GREETING", "hello world"))
                .withWorkdir("/tmp")
                .withUser("1234:5678")
                .withLabels(Map.of("dev.spotrun.test", "options"))
                .withName("spotrun-options-" + System.nanoTime());
        String id = connected.create(spec);
        engine.start(id);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        engine.streamLogs(id, new Lines((stream, line) -> (stream == LogStream.STDOUT ? out : err).append(line).append('\n')));

        assertThat(engine.awaitExit(id, RUN)).isEqualTo(3);
        assertThat(out).hasToString("out hello world\n/tmp\n1234\n");
        assertThat(err).hasToString("err\n");
        assertThat(host.exec("docker", "inspect", "-f", "{{json .Config.Labels}} {{.Name}} {{json .Config.Entrypoint}}", id))
                .contains("\"dev.spotrun.test\":\"options\"").contains("/" + spec.name()).contains("[\"/bin/sh\",\"-c\"]");
        assertThatThrownBy(() -> engine.create(spec)).isInstanceOf(EngineRejected.class).hasMessageContaining("already in use");
    }

    @Test
    void streams_100000_lines_once_in_order_on_the_right_stream_in_flat_heap() {
        String id = connected.create(connected.busybox("awk 'BEGIN { for (i = 1; i <= 100000; i++) { print \"line \" i;"
                + " if (i % 25000 == 0) print \"err \" i > \"/dev/stderr\" } }'"));
        engine.start(id);
        long[] next = {1, 25000};
        List<Long> heap = new ArrayList<>();
        heap.add(usedHeapAfterGc());
        Lines lines = new Lines((stream, line) -> {
            if (stream == LogStream.STDOUT) {
                assertThat(line).isEqualTo("line " + next[0]);
                if (next[0]++ % 20000 == 0) {
                    heap.add(usedHeapAfterGc());
                }
            } else {
                assertThat(line).isEqualTo("err " + next[1]);
                next[1] += 25000;
            }
        });
        engine.streamLogs(id, lines);
        heap.add(usedHeapAfterGc());

        assertThat(engine.awaitExit(id, RUN)).isZero();
        assertThat(next).containsExactly(100001, 125000);
        assertThat(lines.rest(LogStream.STDOUT)).isEmpty();
        long growth = heap.stream().mapToLong(Long::longValue).max().orElseThrow() - heap.get(0);
        System.out.printf("100,000 lines (%d bytes): used heap after GC, MiB: %s; growth %.1f MiB%n", lines.bytes(),
                heap.stream().map(h -> String.format("%.1f", h / 1048576.0)).toList(), growth / 1048576.0);
        assertThat(growth).as("heap growth while streaming").isLessThan(16L << 20);
    }

    @Test
    void streams_256_mib_without_growing_the_heap() {
        long mib = Long.getLong("spotrun.it.log-mib", 256);
        // 4 KiB lines, written as fast as the container can.
        String id = connected.create(connected.busybox("yes $(head -c 4095 /dev/zero | tr '\\0' x) | head -c " + (mib << 20)));
        // As the lifecycle does: attached before the start, the output comes at the engine's speed.
        engine.attach(id);
        engine.start(id);
        long before = usedHeapAfterGc();
        long[] seen = {0, 0};
        List<Long> heap = new ArrayList<>();
        long started = System.nanoTime();
        engine.streamLogs(id, (stream, chunk) -> {
            seen[0] += chunk.length;
            if (seen[0] / (64L << 20) > seen[1]) {
                seen[1]++;
                heap.add(usedHeapAfterGc());
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(engine.awaitExit(id, RUN)).isZero();
        assertThat(seen[0]).isEqualTo(mib << 20);
        long growth = heap.stream().mapToLong(Long::longValue).max().orElse(before) - before;
        System.out.printf("%d MiB in %.1f s (%.0f MiB/s): used heap after GC %.1f MiB before, every 64 MiB %s MiB; growth %.1f MiB%n",
                mib, seconds, mib / seconds, before / 1048576.0,
                heap.stream().map(h -> String.format("%.1f", h / 1048576.0)).toList(), growth / 1048576.0);
        assertThat(growth).as("heap growth while streaming").isLessThan(32L << 20);
    }

    @ParameterizedTest(name = "attached before the start: {0}")
    @ValueSource(booleans = {true, false})
    void a_dropped_connection_resumes_without_losing_or_repeating_output(boolean attached) throws Exception {
        String id = connected.create(connected.busybox("awk 'BEGIN { for (i = 1; i <= 30000; i++) { print \"line \" i;"
                + " if (i % 1000 == 0) print \"err \" i > \"/dev/stderr\";"
                + " if (i % 3000 == 0) { fflush(); system(\"sleep 0.3\") } } }'"));
        long[] next = {1, 1000};
        try (DroppingProxy proxy = new DroppingProxy(host.address(), host.enginePort(), 50_000, 8);
             ContainerEngine flaky = engines.connect(proxy.address(), trust)) {
            if (attached) {
                flaky.attach(id);
            }
            flaky.start(id);
            flaky.streamLogs(id, new Lines((stream, line) -> {
                if (stream == LogStream.STDOUT) {
                    assertThat(line).isEqualTo("line " + next[0]++);
                } else {
                    assertThat(line).isEqualTo("err " + next[1]);
                    next[1] += 1000;
                }
            }));
            assertThat(flaky.awaitExit(id, RUN)).isZero();
            System.out.printf("log stream resumed after %d dropped connections%n", proxy.drops());
            assertThat(proxy.drops()).as("connections cut").isGreaterThanOrEqualTo(3);
        }
        assertThat(next).containsExactly(30001, 31000);
    }

    @ParameterizedTest
    // The shell is PID 1, which no signal from inside its namespace kills: a child shell dies of SIGKILL instead.
    @CsvSource({"exit 0, 0", "exit 1, 1", "'sh -c \"kill -9 \\$\\$\"; exit $?', 137", "exit 255, 255"})
    void exit_codes_come_back_exactly(String script, int code) {
        String id = connected.create(connected.busybox(script));
        engine.start(id);
        assertThat(engine.awaitExit(id, RUN)).isEqualTo(code);
    }

    @Test
    void stop_kills_a_container_that_ignores_sigterm_after_the_grace_period() {
        String id = connected.create(connected.busybox("trap '' TERM; echo ready; while :; do sleep 1; done"));
        engine.start(id);
        awaitOutput(id, "ready");
        long started = System.nanoTime();
        engine.stop(id, Duration.ofSeconds(2));
        double took = (System.nanoTime() - started) / 1e9;

        assertThat(engine.awaitExit(id, RUN)).isEqualTo(137);
        assertThat(took).as("seconds until killed").isBetween(1.9, 8.0);
        engine.stop(id, Duration.ofSeconds(2));
    }

    @Test
    void await_exit_times_out_and_leaves_the_container_running() {
        String id = connected.create(connected.busybox("sleep 30"));
        engine.start(id);
        assertThatThrownBy(() -> engine.awaitExit(id, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.RUN));
        assertThat(host.exec("docker", "inspect", "-f", "{{.State.Running}}", id).strip()).isEqualTo("true");
        engine.stop(id, Duration.ZERO);
    }

    @Test
    void an_interrupted_wait_stream_or_stop_is_cancelled_with_the_interrupt_flag_set() throws Exception {
        String id = connected.create(connected.busybox("echo started; sleep 30"));
        engine.start(id);
        // The stop waits out its grace period, as the shell (PID 1) ignores SIGTERM: a second Ctrl-C escalates.
        for (Runnable blocking : List.<Runnable>of(() -> engine.awaitExit(id, RUN),
                () -> engine.streamLogs(id, (stream, chunk) -> { }), () -> engine.stop(id, Duration.ofSeconds(20)))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    blocking.run();
                } catch (RuntimeException e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            thread.start();
            Thread.sleep(500);
            long interrupted = System.nanoTime();
            thread.interrupt();
            thread.join(5000);
            assertThat(thread.isAlive()).isFalse();
            assertThat((System.nanoTime() - interrupted) / 1_000_000).as("ms until cancelled").isLessThan(2000);
            assertThat(thrown.get()).isInstanceOf(Cancelled.class);
            assertThat(flag.get()).isTrue();
        }
        engine.stop(id, Duration.ZERO);
    }

    @Test
    void a_pull_out_of_time_times_out() {
        assertThatThrownBy(() -> engine.pull(hosts.workload(), hosts.registry().credentials(), Duration.ofMillis(1),
                progress -> { })).isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.PULL));
    }

    @Test
    void closing_the_client_ends_a_pending_stream() throws Exception {
        String id = connected.create(connected.busybox("echo started; sleep 30"));
        engine.start(id);
        ContainerEngine second = engines.connect(host.address(), trust);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread streaming = new Thread(() -> {
            try {
                second.streamLogs(id, (stream, chunk) -> { });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        streaming.start();
        Thread.sleep(500);
        second.close();
        streaming.join(5000);
        assertThat(streaming.isAlive()).as("still streaming after close").isFalse();
        assertThat(thrown.get()).isNull();
        engine.stop(id, Duration.ZERO);
    }

    @Test
    void stopping_and_removing_what_is_gone_succeeds() {
        String id = connected.create(connected.busybox("exit 0"));
        engine.start(id);
        engine.awaitExit(id, RUN);
        engine.stop(id, Duration.ofSeconds(1));
        engine.remove(id);
        engine.remove(id);
        assertThatThrownBy(() -> engine.start("no-such-container")).isInstanceOf(EngineRejected.class);
    }

    @Test
    void pull_reports_progress_per_layer() {
        assertThat(FIRST_PULL).anySatisfy(p -> {
            assertThat(p.layer()).isNotEmpty();
            assertThat(p.status()).isEqualTo("Downloading");
            assertThat(p.total()).isPositive();
            assertThat(p.current()).isBetween(0L, p.total());
        });
        assertThat(FIRST_PULL).anySatisfy(p -> assertThat(p.status()).isEqualTo("Pull complete"));

        List<PullProgress> again = new ArrayList<>();
        engine.pull(hosts.workload(), hosts.registry().credentials(), PULL, again::add);
        assertThat(again).anySatisfy(p -> assertThat(p.status()).containsIgnoringCase("up to date"));
    }

    @Test
    void a_pull_whose_connection_is_cut_is_asked_again_and_completes() throws Exception {
        host.exec("docker", "rmi", "-f", hosts.workload().canonical());
        List<PullProgress> progress = new ArrayList<>();
        try (DroppingProxy proxy = new DroppingProxy(host.address(), host.enginePort(), 1500, 1);
             ContainerEngine flaky = engines.connect(proxy.address(), trust)) {
            flaky.pull(hosts.workload(), hosts.registry().credentials(), PULL, progress::add);
            assertThat(proxy.drops()).as("the pull's connection was cut").isEqualTo(1);
        }
        assertThat(progress).anySatisfy(p -> assertThat(p.status()).isEqualTo("Pull complete"));
        assertThat(host.exec("docker", "image", "ls", "-q", hosts.workload().canonical())).isNotBlank();
    }

    @Test
    void pulls_fail_clearly_without_the_right_credentials_and_no_password_appears_anywhere() {
        RegistryCredentials right = hosts.registry().credentials();
        RegistryCredentials wrong = new RegistryCredentials(right.serverAddress(), right.username(), "not-" + right.password());
        ImageRef missing = ImageRef.parse(right.serverAddress() + "/spotrun-it/no-such-image:latest");
        List<Throwable> failures = new ArrayList<>();
        List<PullProgress> progress = new ArrayList<>();
        String printed = capturingOutput(() -> {
            failures.add(catchThrowable(() -> engine.pull(hosts.workload(), wrong, PULL, progress::add)));
            failures.add(catchThrowable(() -> engine.pull(hosts.workload(), null, PULL, progress::add)));
            failures.add(catchThrowable(() -> engine.pull(missing, right, PULL, progress::add)));
            engine.pull(hosts.workload(), right, PULL, progress::add);
        });

        assertThat(failures.get(0)).isInstanceOf(RegistryUnauthorized.class)
                .hasMessageContaining("registry " + right.serverAddress() + " refused access");
        assertThat(failures.get(1)).isInstanceOf(RegistryUnauthorized.class);
        assertThat(failures.get(2)).isInstanceOf(ImageNotFound.class).hasMessageContaining(missing.canonical());
        StringBuilder everything = new StringBuilder(printed).append(progress).append(hosts.registry().logs())
                .append(host.exec("cat", "/var/log/spotrun-dockerd.log")).append(host.bootOutput());
        failures.forEach(failure -> everything.append(stackTrace(failure)));
        assertThat(everything).isNotEmpty().doesNotContain(right.password()).doesNotContain(wrong.password());
    }

    private static String capturingOutput(Runnable action) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }



    private void awaitOutput(String id, String expected) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                engine.streamLogs(id, new Lines((stream, line) -> {
                    if (line.equals(expected)) {
                        seen.complete(null);
                    }
                }));
            } catch (RuntimeException ignored) {
                // The container is stopped by the test.
            }
        });
        reader.setDaemon(true);
        reader.start();
        seen.orTimeout(30, TimeUnit.SECONDS).join();
    }

    static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
