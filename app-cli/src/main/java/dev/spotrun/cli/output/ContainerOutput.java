package dev.spotrun.cli.output;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.PrintStream;

/**
 * The container's output, passed through byte for byte: its stdout to spotrun's stdout, its stderr to spotrun's
 * stderr, flushed chunk by chunk so that a CI log shows it as it comes.
 */
public final class ContainerOutput implements LogSink {

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean atLineStart = true;

    public ContainerOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void write(LogStream stream, byte[] chunk) {
        PrintStream target = stream == LogStream.STDOUT ? out : err;
        target.write(chunk, 0, chunk.length);
        target.flush();
        if (chunk.length > 0) {
            atLineStart = chunk[chunk.length - 1] == '\n';
        }
    }

    /** Whether the last byte written ended a line, so that spotrun's own lines start on a fresh one. */
    public boolean atLineStart() {
        return atLineStart;
    }
}
