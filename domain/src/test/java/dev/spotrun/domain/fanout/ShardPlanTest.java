package dev.spotrun.domain.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardPlanTest {

    @ParameterizedTest
    @CsvSource({"0,0,fanOut.shards", "-1,1,fanOut.shards", "101,101,fanOut.shards", "3,0,fanOut.parallel",
            "3,4,fanOut.parallel", "1,2,fanOut.parallel"})
    void outOfRangeValuesAreProblems(int count, int parallel, String field) {
        assertThat(new ShardPlan(count, parallel).problems()).extracting(Problem::field).contains(field);
        assertThatThrownBy(() -> new ShardPlan(count, parallel).validated()).isInstanceOf(InvalidRunSpec.class);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,1", "3,3", "100,100", "100,7"})
    void sensibleValuesAreValid(int count, int parallel) {
        assertThat(new ShardPlan(count, parallel).problems()).isEmpty();
    }

    @Test
    void aShardsSpecCarriesItsIndexAndTheCountOverTheUsersValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MODE", "ci");
        env.put(ShardPlan.INDEX_VARIABLE, "7");
        RunSpec spec = RunSpec.of(ContainerSpec.of("busybox", "true").withEnv(env), MachineSpec.spot("t3.small"));

        RunSpec shard = ShardPlan.of(3).forShard(spec, 2);

        assertThat(shard.container().env()).containsExactly(Map.entry("MODE", "ci"),
                Map.entry("SPOTRUN_SHARD_INDEX", "2"), Map.entry("SPOTRUN_SHARD_COUNT", "3"));
        assertThat(shard.machine()).isEqualTo(spec.machine());
        assertThatThrownBy(() -> ShardPlan.of(3).forShard(spec, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SpecField.SHARDS).isEqualTo("fanOut.shards");
    }

    @Test
    void eachShardCopiesItsArtifactsIntoADirectoryOfItsOwnAndAPlainRunIntoTheGivenOne() {
        RunSpec spec = RunSpec.of(ContainerSpec.of("busybox", "true"), MachineSpec.spot("t3.small"))
                .withArtifacts(java.util.List.of(new Artifact("/work/reports", Path.of("out"))));

        assertThat(ShardPlan.of(3).forShard(spec, 1).artifacts())
                .containsExactly(new Artifact("/work/reports", Path.of("out", "shard-1")));
        assertThat(ShardPlan.single().forShard(spec, 0).artifacts()).isEqualTo(spec.artifacts());
    }
}
