package dev.spotrun.domain.fanout;

import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.port.LogSink;

/**
 * Where each shard of a fan-out reports: its own output sink and its own listener, so that a front end can tell
 * the shards apart (prefix their lines, write each to its own files, put the index into each event). Both are
 * called on the shard's own thread, several shards at once: they must be safe for that.
 */
public interface ShardReports {

    /** Where shard {@code index}'s container output goes. */
    LogSink logs(int index);

    /** Where shard {@code index}'s events go. */
    RunListener listener(int index);
}
