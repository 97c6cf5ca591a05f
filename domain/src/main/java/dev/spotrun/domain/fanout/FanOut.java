package dev.spotrun.domain.fanout;

import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.SpotrunException;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.domain.run.RunSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one job as N shards: N independent {@link RemoteRun}s of {@link ShardPlan#forShard the shard's spec},
 * at most {@link ShardPlan#parallel()} at once, and gathers every shard's end.
 *
 * <p>Each shard is a whole lifecycle: its own run id, machine, retries after an interruption (the other
 * shards go on meanwhile) and clean-up. How a shard gets its machine is the lifecycle's business: the fan-out
 * knows only {@link RemoteRun}. A cancel of the given {@link Cancellation} reaches every running shard
 * (each on a {@link Cancellation#child() child} of it), and a shard whose turn comes after it never starts.
 * {@link #run} returns only once every shard has ended and given its machines back.
 */
public final class FanOut {

    private final RemoteRun lifecycle;

    public FanOut(RemoteRun lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** Fans out with no way to cancel from outside. */
    public FanOutResult run(RunSpec spec, ShardPlan plan, ShardReports reports) {
        return run(spec, plan, reports, new Cancellation());
    }

    /**
     * Runs every shard and returns when all have ended.
     *
     * @throws dev.spotrun.domain.failure.InvalidRunSpec before anything is provisioned, for the spec or the plan
     */
    public FanOutResult run(RunSpec spec, ShardPlan plan, ShardReports reports, Cancellation cancellation) {
        plan.validated();
        RunSpecValidator.validate(plan.forShard(spec, 0));
        ExecutorService pool = Executors.newFixedThreadPool(plan.parallel(), shardThreads());
        try {
            List<Future<ShardResult>> futures = new ArrayList<>();
            for (int index = 0; index < plan.count(); index++) {
                int shard = index;
                String runId = RemoteRun.newRunId();
                futures.add(pool.submit(() -> shard(shard, runId, plan.forShard(spec, shard), reports,
                        cancellation.child())));
            }
            return new FanOutResult(gather(futures, cancellation));
        } finally {
            pool.shutdown();
        }
    }

    private ShardResult shard(int index, String runId, RunSpec spec, ShardReports reports, Cancellation mine) {
        if (mine.isRequested()) {
            return new ShardResult(index, runId, null, new Cancelled("cancelled before shard " + index
                    + " started"), false);
        }
        try {
            RunResult result = lifecycle.run(runId, spec, reports.logs(index), reports.listener(index), mine);
            return new ShardResult(index, runId, result, null, true);
        } catch (SpotrunException failure) {
            return new ShardResult(index, runId, null, failure, true);
        } catch (RuntimeException e) {
            return new ShardResult(index, runId, null, new SpotrunException("unexpected failure: " + e, false, e),
                    true);
        }
    }

    /**
     * Waits for every shard. An interrupt of the caller's thread cancels them all and the wait goes on: the
     * fan-out does not return while a shard may still hold a machine.
     */
    private static List<ShardResult> gather(List<Future<ShardResult>> futures, Cancellation cancellation) {
        List<ShardResult> results = new ArrayList<>();
        boolean interrupted = false;
        for (Future<ShardResult> future : futures) {
            while (true) {
                try {
                    results.add(future.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancellation.cancel(true);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a shard failed outside its lifecycle", e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    private static ThreadFactory shardThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "spotrun-shard-" + number.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
