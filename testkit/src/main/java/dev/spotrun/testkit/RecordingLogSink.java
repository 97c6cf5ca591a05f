package dev.spotrun.testkit;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A log sink that keeps everything, per stream and interleaved, for assertions. */
public final class RecordingLogSink implements LogSink {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<LogStream> order = new ArrayList<>();

    @Override
    public synchronized void write(LogStream stream, byte[] chunk) {
        (stream == LogStream.STDOUT ? stdout : stderr).writeBytes(chunk);
        order.add(stream);
    }

    public synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    public synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** The stream of each chunk, in arrival order. */
    public synchronized List<LogStream> order() {
        return List.copyOf(order);
    }
}
