package dev.spotrun.domain.port;

import dev.spotrun.domain.LogStream;

/**
 * Where a container's output goes, chunk by chunk, in the order the engine sent it. A chunk is the
 * container's bytes as they are: not split into lines, not decoded.
 */
@FunctionalInterface
public interface LogSink {

    /** One chunk of output. The array is the sink's to keep. */
    void write(LogStream stream, byte[] chunk);

    /**
     * No more output is waiting for now: a sink that gathers chunks writes them out, so that output shows as
     * it comes without a flush per chunk while more is on its way. Called on the thread that writes.
     */
    default void flush() {
    }
}
