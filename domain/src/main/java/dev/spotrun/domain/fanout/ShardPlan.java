package dev.spotrun.domain.fanout;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one job is fanned out: {@code count} shards, at most {@code parallel} of them at once. A plain record: an
 * out-of-range value is reported by {@link #problems()}, so that a front end can refuse it with its other
 * problems in one line, before anything is provisioned.
 *
 * <p>{@link #forShard} is the one place where a shard's spec is derived from the job's: every per-shard
 * difference belongs there.
 *
 * @param count    how many shards, 1 to {@link #MAX_SHARDS}
 * @param parallel how many run at once, 1 to {@code count}
 */
public record ShardPlan(int count, int parallel) {

    /** More shards than this is far more likely a typo than a plan, and would be costly. */
    public static final int MAX_SHARDS = 100;

    /** The variable that tells a shard's container its index, 0 to count - 1. */
    public static final String INDEX_VARIABLE = "SPOTRUN_SHARD_INDEX";

    /** The variable that tells a shard's container how many shards there are. */
    public static final String COUNT_VARIABLE = "SPOTRUN_SHARD_COUNT";

    /** One shard: a plain run. */
    public static ShardPlan single() {
        return new ShardPlan(1, 1);
    }

    /** {@code count} shards, all at once. */
    public static ShardPlan of(int count) {
        return new ShardPlan(count, count);
    }

    /** Every problem of this plan, in the order found; empty when it is valid. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (count < 1 || count > MAX_SHARDS) {
            problems.add(new Problem(SpecField.SHARDS, Integer.toString(count),
                    "must be between 1 and " + MAX_SHARDS));
        }
        if (parallel < 1 || (count >= 1 && parallel > count)) {
            problems.add(new Problem(SpecField.PARALLEL, Integer.toString(parallel),
                    "must be between 1 and the number of shards (" + count + ")", List.of(SpecField.SHARDS)));
        }
        return problems;
    }

    /** @throws InvalidRunSpec when the plan is invalid */
    public ShardPlan validated() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidRunSpec(problems);
        }
        return this;
    }

    /**
     * The spec shard {@code index} runs: the job's, with {@value #INDEX_VARIABLE} and {@value #COUNT_VARIABLE} in
     * its container's environment (they win over variables of the same name given by the user).
     */
    public RunSpec forShard(RunSpec spec, int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("no shard " + index + " of " + count);
        }
        Map<String, String> env = new LinkedHashMap<>(spec.container().env());
        env.remove(INDEX_VARIABLE);
        env.remove(COUNT_VARIABLE);
        env.put(INDEX_VARIABLE, Integer.toString(index));
        env.put(COUNT_VARIABLE, Integer.toString(count));
        RunSpec shard = spec.withContainer(spec.container().withEnv(env));
        if (count == 1) {
            return shard;
        }
        // Shards copy out the same paths: each into a directory of its own, so that none overwrites another's.
        return shard.withArtifacts(spec.artifacts().stream()
                .map(a -> new Artifact(a.containerPath(), a.localDir().resolve("shard-" + index))).toList());
    }
}
