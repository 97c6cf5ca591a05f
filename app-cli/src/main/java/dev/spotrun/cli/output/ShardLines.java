package dev.spotrun.cli.output;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The output of several shards on spotrun's own stdout and stderr: each line prefixed with its shard's index
 * ({@code [2] }), kept on its stream, and written whole in one write, so that a line of one shard never breaks
 * into a line of another. What a shard wrote after its last line break waits until the line ends, the attempt
 * ends ({@link #endLines}) or a line grows past {@value #MAX_LINE} bytes; it is then written with the prefix
 * and a line break, so that memory stays bounded and every line shows its shard.
 */
public final class ShardLines {

    /** A line longer than this is written in pieces, each on a line of its own. */
    static final int MAX_LINE = 64 * 1024;

    private final PrintStream out;
    private final PrintStream err;
    private final Object lock = new Object();

    public ShardLines(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The sink of shard {@code index}. */
    public Sink sink(int index) {
        return new Sink(("[" + index + "] ").getBytes(StandardCharsets.US_ASCII));
    }

    private void writeLine(LogStream stream, byte[] prefix, byte[] bytes, int from, int to, boolean addBreak) {
        byte[] line = new byte[prefix.length + (to - from) + (addBreak ? 1 : 0)];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(bytes, from, line, prefix.length, to - from);
        if (addBreak) {
            line[line.length - 1] = '\n';
        }
        PrintStream target = stream == LogStream.STDOUT ? out : err;
        synchronized (lock) {
            target.write(line, 0, line.length);
        }
    }

    private void flushStreams() {
        synchronized (lock) {
            out.flush();
            err.flush();
        }
    }

    /** One shard's output: a partial line per stream, waiting for its end. */
    public final class Sink implements LogSink {

        private final byte[] prefix;
        private final ByteArrayOutputStream partialOut = new ByteArrayOutputStream();
        private final ByteArrayOutputStream partialErr = new ByteArrayOutputStream();

        private Sink(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(LogStream stream, byte[] chunk) {
            ByteArrayOutputStream partial = partial(stream);
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    emit(stream, partial, chunk, start, i + 1, false);
                    start = i + 1;
                }
            }
            partial.write(chunk, start, chunk.length - start);
            if (partial.size() >= MAX_LINE) {
                emit(stream, partial, new byte[0], 0, 0, true);
            }
        }

        @Override
        public synchronized void flush() {
            flushStreams();
        }

        /** Writes what waits after the last line break of each stream, as a line of its own. */
        public synchronized void endLines() {
            for (LogStream stream : LogStream.values()) {
                if (partial(stream).size() > 0) {
                    emit(stream, partial(stream), new byte[0], 0, 0, true);
                }
            }
            flushStreams();
        }

        private void emit(LogStream stream, ByteArrayOutputStream partial, byte[] chunk, int from, int to,
                          boolean addBreak) {
            if (partial.size() == 0) {
                writeLine(stream, prefix, chunk, from, to, addBreak);
                return;
            }
            partial.write(chunk, from, to - from);
            byte[] whole = partial.toByteArray();
            partial.reset();
            writeLine(stream, prefix, whole, 0, whole.length, addBreak);
        }

        private ByteArrayOutputStream partial(LogStream stream) {
            return stream == LogStream.STDOUT ? partialOut : partialErr;
        }
    }
}
