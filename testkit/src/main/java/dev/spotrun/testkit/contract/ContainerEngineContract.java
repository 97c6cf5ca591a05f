package dev.spotrun.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.ImageNotFound;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ContainerEnginePort} must do. Each test boots a host whose engine trusts a fresh
 * {@link EngineTrust}, connects, and pulls {@link #workloadImage()}: an image with a busybox shell.
 */
public abstract class ContainerEngineContract {

    private static final Duration LONG = Duration.ofMinutes(2);

    protected ContainerEngine engine;
    protected EngineTrust trust;
    protected String address;
    private final List<ContainerEngine> clients = new CopyOnWriteArrayList<>();

    /** The port under test. */
    protected abstract ContainerEnginePort engines();

    /** Boots a host whose engine is configured with {@code trust.bootstrap()}; returns its address. */
    protected abstract String bootHost(EngineTrust trust);

    /** An image with a busybox shell that the booted hosts can pull. */
    protected abstract ImageRef workloadImage();

    /** The credentials to pull {@link #workloadImage()} with, or null. */
    protected RegistryCredentials workloadCredentials() {
        return null;
    }

    /** How long a booted host's engine may take to answer. */
    protected Duration readyTimeout() {
        return Duration.ofMinutes(1);
    }

    @BeforeEach
    void bootAndPull() throws InterruptedException {
        trust = engines().newTrust("contract", Duration.ofHours(1));
        address = bootHost(trust);
        engine = client(address, trust);
        awaitReady(engine);
        engine.pull(workloadImage(), workloadCredentials(), LONG, progress -> {
        });
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ContainerEngine::close);
    }

    private ContainerEngine client(String at, EngineTrust with) {
        ContainerEngine client = engines().connect(at, with);
        clients.add(client);
        return client;
    }

    private void awaitReady(ContainerEngine client) throws InterruptedException {
        Instant deadline = Instant.now().plus(readyTimeout());
        while (true) {
            try {
                client.ping();
                return;
            } catch (EngineUnreachable e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    protected ContainerSpec shell(String script) {
        return ContainerSpec.of(workloadImage().canonical(), "sh", "-c", script);
    }

    /** Runs the container to its end, streaming its output on another thread as the lifecycle does. */
    protected ContainerRun run(ContainerSpec spec) throws InterruptedException {
        String id = engine.create(spec);
        engine.start(id);
        LogCollector logs = LogCollector.stream(engine, id);
        int exitCode = engine.awaitExit(id, LONG);
        logs.await(LONG);
        engine.remove(id);
        return new ContainerRun(exitCode, logs.stdout(), logs.stderr());
    }

    /** Runs it as the lifecycle does: attached to its output before it starts. */
    protected ContainerRun runAttached(ContainerSpec spec) throws InterruptedException {
        String id = engine.create(spec);
        engine.attach(id);
        engine.start(id);
        LogCollector logs = LogCollector.stream(engine, id);
        int exitCode = engine.awaitExit(id, LONG);
        logs.await(LONG);
        engine.remove(id);
        return new ContainerRun(exitCode, logs.stdout(), logs.stderr());
    }

    /** The end of a container: its exit code and output. */
    protected record ContainerRun(int exitCode, String stdout, String stderr) {
    }

    @Test
    void pingAnswersWithTheApiVersion() {
        assertThat(engine.ping()).matches("\\d+\\.\\d+");
    }

    @Test
    void aClientWithAnotherRunsTrustIsRefused() {
        ContainerEngine stranger = client(address, engines().newTrust("another-run", Duration.ofHours(1)));
        assertThatThrownBy(stranger::ping).isInstanceOf(EngineUnreachable.class);
    }

    @Test
    void outputArrivesOnItsOwnStreamAndTheExitCodeComesBack() throws InterruptedException {
        ContainerRun run = run(shell("echo out; echo err >&2; echo more; exit 3"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).isEqualTo("out\nmore\n");
        assertThat(run.stderr()).isEqualTo("err\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 137, 255})
    void exitCodesComeBackExactly(int code) throws InterruptedException {
        assertThat(run(shell("exit " + code)).exitCode()).isEqualTo(code);
    }

    @Test
    void manyLinesArriveOnceAndInOrder() throws InterruptedException {
        ContainerRun run = run(shell("seq 1 20000"));
        String[] lines = run.stdout().split("\n");
        assertThat(lines).hasSize(20000);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void outputAttachedBeforeTheStartArrivesFromTheFirstByteOnceAndInOrder() throws InterruptedException {
        ContainerRun run = runAttached(shell("echo first; seq 1 20000; echo err >&2; seq 1 3 >&2; exit 4"));
        assertThat(run.exitCode()).isEqualTo(4);
        String[] lines = run.stdout().split("\n");
        assertThat(lines).hasSize(20001);
        assertThat(lines[0]).isEqualTo("first");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Integer.toString(i));
        }
        assertThat(run.stderr()).isEqualTo("err\n1\n2\n3\n");
    }

    @Test
    void attachingToAContainerThatAlreadyRanStillGivesAllOfItsOutput() throws InterruptedException {
        String id = engine.create(shell("echo out; echo err >&2; echo more"));
        engine.start(id);
        assertThat(engine.awaitExit(id, LONG)).isZero();
        engine.attach(id);
        LogCollector logs = LogCollector.stream(engine, id);
        logs.await(LONG);
        engine.remove(id);
        assertThat(logs.stdout()).isEqualTo("out\nmore\n");
        assertThat(logs.stderr()).isEqualTo("err\n");
    }

    @Test
    void attachingToAMissingContainerIsRefused() {
        assertThatThrownBy(() -> engine.attach("no-such-container")).isInstanceOf(EngineRejected.class);
    }

    @Test
    void environmentWorkdirAndUserReachTheContainer() throws InterruptedException {
        ContainerSpec spec = shell("echo \"$GREETING\"; pwd; id -u")
                .withEnv(Map.of("GREETING", "hello world")).withWorkdir("/tmp").withUser("1234");
        assertThat(run(spec).stdout()).isEqualTo("hello world\n/tmp\n1234\n");
    }

    @Test
    void anEntrypointRunsWithTheCommandAsItsArguments() throws InterruptedException {
        ContainerSpec spec = ContainerSpec.of(workloadImage().canonical(), "echo from-entrypoint")
                .withEntrypoint(List.of("sh", "-c"));
        assertThat(run(spec).stdout()).isEqualTo("from-entrypoint\n");
    }

    @Test
    void aContainerIgnoringSigtermIsKilledAfterTheGracePeriod() {
        String id = engine.create(shell("trap '' TERM; echo ready; sleep 1000"));
        engine.start(id);
        engine.stop(id, Duration.ofSeconds(1));
        assertThat(engine.awaitExit(id, LONG)).isEqualTo(137);
        engine.stop(id, Duration.ofSeconds(1));
        engine.remove(id);
        engine.remove(id);
    }

    @Test
    void aContainerRunningTooLongTimesOutAndCanThenBeStopped() {
        String id = engine.create(shell("sleep 1000"));
        engine.start(id);
        assertThatThrownBy(() -> engine.awaitExit(id, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.RUN));
        engine.stop(id, Duration.ZERO);
        assertThat(engine.awaitExit(id, LONG)).isEqualTo(137);
        engine.remove(id);
    }

    @Test
    void pullingAMissingImageSaysSo() {
        ImageRef missing = new ImageRef(workloadImage().registry(), "spotrun-contract/no-such-image", "1", "");
        assertThatThrownBy(() -> engine.pull(missing, workloadCredentials(), LONG, progress -> {
        })).isInstanceOf(ImageNotFound.class);
    }

    @Test
    void pullReportsProgress() {
        List<PullProgress> reports = new CopyOnWriteArrayList<>();
        engine.pull(workloadImage(), workloadCredentials(), LONG, reports::add);
        assertThat(reports).isNotEmpty();
    }

    /** Copies in and out, on this contract's engine. */
    @Nested
    class Files extends ContainerFilesContract {
        Files() {
            super(() -> engine, () -> workloadImage().canonical());
        }
    }
}
