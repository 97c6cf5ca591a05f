package dev.spotrun.cli.output;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.PrintStream;

/**
 * The container's output, passed through byte for byte: its stdout to spotrun's stdout, its stderr to spotrun's
 * stderr.
 *
 * <p>Chunks are gathered in a buffer and written out when the engine has no more waiting ({@link #flush()}),
 * when the buffer is full, or before the other stream's bytes: a CI log shows each line as soon as it is
 * written, a fast container costs one write per buffer rather than one per chunk, and stdout and stderr keep
 * their order where both end up in one log. {@link #atLineStart()} writes out what is pending first, so that
 * spotrun's own lines come after the container's.
 */
public final class ContainerOutput implements LogSink {

    static final int BUFFER = 64 * 1024;

    private final PrintStream out;
    private final PrintStream err;
    private final byte[] buffer = new byte[BUFFER];
    private int pending;
    private LogStream pendingStream;
    private boolean atLineStart = true;

    public ContainerOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void write(LogStream stream, byte[] chunk) {
        if (chunk.length == 0) {
            return;
        }
        if (pending > 0 && (stream != pendingStream || pending + chunk.length > BUFFER)) {
            writePending();
        }
        if (chunk.length >= BUFFER) {
            target(stream).write(chunk, 0, chunk.length);
        } else {
            System.arraycopy(chunk, 0, buffer, pending, chunk.length);
            pending += chunk.length;
            pendingStream = stream;
        }
        atLineStart = chunk[chunk.length - 1] == '\n';
    }

    @Override
    public synchronized void flush() {
        writePending();
        out.flush();
        err.flush();
    }

    /** Whether the last byte written ended a line, so that spotrun's own lines start on a fresh one. */
    public synchronized boolean atLineStart() {
        flush();
        return atLineStart;
    }

    private void writePending() {
        if (pending > 0) {
            PrintStream target = target(pendingStream);
            target.write(buffer, 0, pending);
            target.flush();
            pending = 0;
        }
    }

    private PrintStream target(LogStream stream) {
        return stream == LogStream.STDOUT ? out : err;
    }
}
