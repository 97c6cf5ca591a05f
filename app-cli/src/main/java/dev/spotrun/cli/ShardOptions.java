package dev.spotrun.cli;

import picocli.CommandLine.Option;

/** How one job fans out over several machines. */
final class ShardOptions {

    @Option(names = "--shards", paramLabel = "N",
            description = "Run the job on N machines at once (1-100, default 1); each container gets"
                    + " SPOTRUN_SHARD_INDEX (0..N-1) and SPOTRUN_SHARD_COUNT.")
    Integer shards;

    @Option(names = "--parallel", paramLabel = "K",
            description = "At most K shards at a time (default: all of them).")
    Integer parallel;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each shard's stdout and stderr to DIR/shard-I.stdout and DIR/shard-I.stderr"
                    + " instead of prefixed lines.")
    String outputDir;
}
