package dev.spotrun.domain.fanout;

import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.Objects;

/**
 * How one shard ended: its container exited ({@code result}), or the run failed in spotrun, the cloud or the
 * engine, or was cancelled ({@code failure}). Exactly one of the two is set.
 *
 * @param index   the shard's index, 0 to count - 1
 * @param runId   the shard's run id, as tagged on its machines
 * @param result  the run's result when its container exited, else null
 * @param failure why the run ended without an exit code, else null
 * @param started whether the shard began at all (a cancel may come before its turn)
 */
public record ShardResult(int index, String runId, RunResult result, SpotrunException failure, boolean started) {

    public ShardResult {
        Objects.requireNonNull(runId, "runId");
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("a shard has either a result or a failure");
        }
    }

    /** Whether the container exited with 0. */
    public boolean succeeded() {
        return result != null && result.exitCode() == 0;
    }
}
