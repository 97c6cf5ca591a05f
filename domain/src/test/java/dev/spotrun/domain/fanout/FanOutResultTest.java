package dev.spotrun.domain.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.SpotrunException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit-code rule: 0 when every shard exited 0, else the lowest-index failing shard's code. */
class FanOutResultTest {

    /** Each shard is its container's exit code, or {@code C} (cancelled, 130) or {@code F} (failed, 125). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "3, 3", "0 0 0, 0", "0 3 0, 3", "0 3 4, 3", "5 3 0, 5", "0 F 3, 125", "0 3 F, 3",
            "C C C, 130", "0 0 C, 130", "1 C, 1"})
    void theLowestFailingShardDecides(String shards, int expected) {
        List<ShardResult> results = new ArrayList<>();
        String[] codes = shards.split(" ");
        // Given out of order: the result sorts by index.
        for (int i = codes.length - 1; i >= 0; i--) {
            results.add(shard(i, codes[i]));
        }

        FanOutResult result = new FanOutResult(results);

        assertThat(result.shards()).extracting(ShardResult::index).isSorted();
        assertThat(result.exitCode(f -> f instanceof Cancelled ? 130 : 125)).isEqualTo(expected);
    }

    private static ShardResult shard(int index, String code) {
        return switch (code) {
            case "C" -> new ShardResult(index, "sr-" + index, null, new Cancelled("cancelled"), false);
            case "F" -> new ShardResult(index, "sr-" + index, null, new SpotrunException("no", false), true);
            default -> new ShardResult(index, "sr-" + index, new RunResult("sr-" + index, Integer.parseInt(code),
                    List.of()), null, true);
        };
    }
}
