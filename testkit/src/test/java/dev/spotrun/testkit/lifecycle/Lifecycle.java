package dev.spotrun.testkit.lifecycle;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.testkit.InMemoryCloud;
import dev.spotrun.testkit.RecordingListener;
import dev.spotrun.testkit.RecordingLogSink;
import java.time.Duration;

/** One in-memory cloud, a log sink and an event recorder: what every lifecycle test starts from. */
final class Lifecycle {

    static final String IMAGE = "registry.test/jobs/busybox:1.36";

    final InMemoryCloud cloud = new InMemoryCloud();
    final RecordingLogSink logs = new RecordingLogSink();
    final RecordingListener events = new RecordingListener();
    final Cancellation cancellation = new Cancellation();

    Lifecycle() {
        cloud.engines().publishImage(IMAGE, "sh");
    }

    /** A job printing "hello" on a spot t3.small or t3.medium, with no retries. */
    static RunSpec spec(String script) {
        return RunSpec.of(ContainerSpec.of(IMAGE, "sh", "-c", script), MachineSpec.spot("t3.small", "t3.medium"))
                .withRetry(RetryPolicy.none()).withOwner("ci");
    }

    /** Waits until the run emitted an event of {@code type}. */
    void awaitEvent(Class<? extends RunEvent> type, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (events.events(type).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + limit + ": " + events.events());
            }
            Thread.sleep(5);
        }
    }

    RunResult run(RunSpec spec) {
        return cloud.remoteRun().run(RemoteRun.newRunId(), spec, logs, events, cancellation);
    }
}
