package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A log sink that cuts each stream into lines and hands them on, keeping only the current partial line. */
final class Lines implements LogSink {

    private final Map<LogStream, ByteArrayOutputStream> partial = new EnumMap<>(LogStream.class);
    private final BiConsumer<LogStream, String> lines;
    private long bytes;

    Lines(BiConsumer<LogStream, String> lines) {
        this.lines = lines;
    }

    @Override
    public void write(LogStream stream, byte[] chunk) {
        bytes += chunk.length;
        ByteArrayOutputStream line = partial.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
        for (byte b : chunk) {
            if (b == '\n') {
                lines.accept(stream, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    long bytes() {
        return bytes;
    }

    /** What is left after the last line break of each stream; "" for a clean end. */
    String rest(LogStream stream) {
        ByteArrayOutputStream line = partial.get(stream);
        return line == null ? "" : line.toString(StandardCharsets.UTF_8);
    }
}
