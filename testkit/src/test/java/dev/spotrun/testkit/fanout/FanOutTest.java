package dev.spotrun.testkit.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.fanout.FanOut;
import dev.spotrun.domain.fanout.FanOutResult;
import dev.spotrun.domain.fanout.ShardPlan;
import dev.spotrun.domain.fanout.ShardReports;
import dev.spotrun.domain.fanout.ShardResult;
import dev.spotrun.domain.port.LogSink;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.testkit.InMemoryCloud;
import dev.spotrun.testkit.RecordingListener;
import dev.spotrun.testkit.RecordingLogSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One job fanned out over several in-memory machines: each shard a whole lifecycle of its own. */
@Timeout(30)
class FanOutTest {

    private static final String IMAGE = "registry.test/jobs/busybox:1.36";

    private final InMemoryCloud cloud = new InMemoryCloud();
    private final Map<Integer, RecordingLogSink> logs = new ConcurrentHashMap<>();
    private final Map<Integer, RecordingListener> events = new ConcurrentHashMap<>();

    FanOutTest() {
        cloud.engines().publishImage(IMAGE, "sh");
    }

    @AfterEach
    void nothingIsLeft() {
        assertThat(cloud.compute().liveInstances()).isEmpty();
        assertThat(cloud.engines().runningContainers()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static RunSpec spec(String script) {
        return RunSpec.of(ContainerSpec.of(IMAGE, "sh", "-c", script), MachineSpec.spot("t3.small"))
                .withRetry(RetryPolicy.none()).withOwner("ci");
    }

    /** Records each shard's output and events; {@code also} sees every event with its shard's index. */
    private ShardReports reports(ShardListener also) {
        return new ShardReports() {
            @Override
            public LogSink logs(int index) {
                return logs.computeIfAbsent(index, i -> new RecordingLogSink());
            }

            @Override
            public RunListener listener(int index) {
                RecordingListener recorder = events.computeIfAbsent(index, i -> new RecordingListener());
                return event -> {
                    recorder.on(event);
                    also.on(index, event);
                };
            }
        };
    }

    private interface ShardListener {
        void on(int index, RunEvent event);
    }

    private FanOutResult fanOut(RunSpec spec, ShardPlan plan, ShardListener also, Cancellation cancellation) {
        return new FanOut(cloud.remoteRun()).run(spec, plan, reports(also), cancellation);
    }

    @Test
    void everyShardRunsOnItsOwnMachineWithItsIndexAndTheCount() {
        FanOutResult result = fanOut(spec("echo shard $SPOTRUN_SHARD_INDEX of $SPOTRUN_SHARD_COUNT"),
                ShardPlan.of(3), (i, e) -> { }, new Cancellation());

        assertThat(result.shards()).extracting(ShardResult::index).containsExactly(0, 1, 2);
        assertThat(result.shards()).allSatisfy(s -> assertThat(s.succeeded()).isTrue());
        assertThat(result.exitCode(f -> 125)).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(logs.get(i).stdout()).isEqualTo("shard " + i + " of 3\n");
        }
        assertThat(result.shards()).extracting(ShardResult::runId).doesNotHaveDuplicates();
        assertThat(result.shards()).flatExtracting(s -> s.result().instances()).doesNotHaveDuplicates().hasSize(3);
        assertThat(cloud.compute().launchRequests()).extracting(r -> r.runId()).doesNotHaveDuplicates();
    }

    @Test
    void neverMoreThanParallelShardsAreInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ShardListener counter = (index, event) -> {
            if (event instanceof RunEvent.RunStarted) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            } else if (event instanceof RunEvent.ContainerStarted) {
                sleepRealTime(40); // so that shards that may overlap do
            } else if (event instanceof RunEvent.RunFinished) {
                inFlight.decrementAndGet();
            }
        };

        FanOutResult result = fanOut(spec("true"), new ShardPlan(6, 2), counter, new Cancellation());

        assertThat(result.shards()).hasSize(6).allSatisfy(s -> assertThat(s.succeeded()).isTrue());
        assertThat(most.get()).isEqualTo(2);
        assertThat(cloud.compute().launchedIds()).hasSize(6);
    }

    @Test
    void anInterruptedShardIsRetriedOnItsOwnWhileTheOthersGoOn() {
        cloud.compute().interruptAt(Phase.RUN);
        RunSpec spec = spec("echo $SPOTRUN_SHARD_INDEX").withRetry(new RetryPolicy(1, false));

        FanOutResult result = fanOut(spec, ShardPlan.of(3), (i, e) -> { }, new Cancellation());

        assertThat(result.shards()).allSatisfy(s -> assertThat(s.succeeded()).isTrue());
        assertThat(result.shards()).extracting(s -> s.result().attempts().size())
                .containsExactlyInAnyOrder(1, 1, 2);
        ShardResult retried = result.shards().stream().filter(s -> s.result().attempts().size() == 2)
                .findFirst().orElseThrow();
        assertThat(events.get(retried.index()).events(RunEvent.RetryScheduled.class)).hasSize(1);
        assertThat(cloud.compute().launchedIds()).hasSize(4);
    }

    @Test
    void theExitCodeIsTheLowestFailingShards() {
        FanOutResult mixed = fanOut(spec("exit $SPOTRUN_SHARD_INDEX"), ShardPlan.of(4), (i, e) -> { },
                new Cancellation());
        assertThat(mixed.shards()).extracting(s -> s.result().exitCode()).containsExactly(0, 1, 2, 3);
        assertThat(mixed.exitCode(f -> 125)).isEqualTo(1);
        assertThat(mixed.firstFailing()).get().extracting(ShardResult::index).isEqualTo(1);
    }

    @Test
    void aShardThatFailsInSpotrunMapsThroughTheFailureCode() {
        cloud.compute().noCapacity("t3.small");
        FanOutResult result = fanOut(spec("true"), ShardPlan.of(2), (i, e) -> { }, new Cancellation());

        assertThat(result.shards()).allSatisfy(s -> assertThat(s.failure()).isNotNull());
        assertThat(result.exitCode(f -> 125)).isEqualTo(125);
    }

    @Test
    void aCancelStopsEveryRunningShardAndShardsNotStartedNeverStart() throws InterruptedException {
        Cancellation cancellation = new Cancellation();
        AtomicInteger started = new AtomicInteger();
        ShardListener canceller = (index, event) -> {
            if (event instanceof RunEvent.ContainerStarted && started.incrementAndGet() == 2) {
                Thread thread = new Thread(() -> cancellation.cancel(true));
                thread.start();
            }
        };

        FanOutResult result = fanOut(spec("echo up; sleep infinity"), new ShardPlan(5, 2), canceller,
                cancellation);

        assertThat(result.shards()).hasSize(5).allSatisfy(s -> assertThat(s.failure()).isInstanceOf(Cancelled.class));
        assertThat(result.shards()).filteredOn(ShardResult::started).hasSize(2);
        assertThat(cloud.compute().launchedIds()).hasSize(2);
        assertThat(cloud.engines().containers()).hasSize(2).allSatisfy(c -> assertThat(c.exitCode()).isEqualTo(143));
        assertThat(result.exitCode(f -> 130)).isEqualTo(130);
    }

    @Test
    void aCancelBeforeTheFanOutStartsNothing() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel(true);

        FanOutResult result = fanOut(spec("true"), ShardPlan.of(3), (i, e) -> { }, cancellation);

        assertThat(result.shards()).noneMatch(ShardResult::started);
        assertThat(cloud.compute().launchRequests()).isEmpty();
    }

    private static void sleepRealTime(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
