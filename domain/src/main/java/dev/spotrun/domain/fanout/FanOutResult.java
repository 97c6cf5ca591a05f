package dev.spotrun.domain.fanout;

import dev.spotrun.domain.failure.SpotrunException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Every shard's end, by index. */
public record FanOutResult(List<ShardResult> shards) {

    public FanOutResult {
        shards = shards.stream().sorted(Comparator.comparingInt(ShardResult::index)).toList();
    }

    /** The lowest-index shard that did not exit with 0, if any. */
    public Optional<ShardResult> firstFailing() {
        return shards.stream().filter(s -> !s.succeeded()).findFirst();
    }

    /**
     * The fan-out's exit code: 0 when every shard exited with 0, else the lowest-index failing shard's: its
     * container's exit code, or what {@code failureCode} makes of its failure (as for a single run).
     */
    public int exitCode(ToIntFunction<SpotrunException> failureCode) {
        return firstFailing().map(s -> s.result() != null ? s.result().exitCode()
                : failureCode.applyAsInt(s.failure())).orElse(0);
    }
}
