package dev.spotrun.cli.config;

import dev.spotrun.domain.fanout.ShardPlan;
import java.util.Objects;

/**
 * How many machines one {@code spotrun run} fans out over, and where their output goes.
 *
 * @param plan      how many shards, how many at once
 * @param outputDir where each shard's stdout and stderr are written as files, or "" for prefixed lines
 */
public record FanOutSettings(ShardPlan plan, String outputDir) {

    public FanOutSettings {
        Objects.requireNonNull(plan, "plan");
        outputDir = Objects.requireNonNullElse(outputDir, "");
    }

    /** One shard, its output on spotrun's own streams: a plain run. */
    public static FanOutSettings single() {
        return new FanOutSettings(ShardPlan.single(), "");
    }

    /** Whether the run goes through the fan-out: more than one shard, or output to files. */
    public boolean sharded() {
        return plan.count() > 1 || !outputDir.isEmpty();
    }
}
