package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the engine's multiplexed stream: frames of an 8-byte header (stream, 0, 0, 0, big-endian size) and a
 * payload that, in the stored log asked for with {@code timestamps=1}, starts with the message's RFC 3339 time
 * and a space.
 *
 * <p>Built for speed: it reads into one 64 KiB buffer and hands out slices of it, never a byte at a time, and
 * of a stamp it decodes only the second (the resume point needs no more), without a date parser for the
 * engine's fixed format. Before it waits for more input it says so ({@link Frames#idle()}), so that what it
 * read goes out at once. Memory is the buffer, whatever the size of a frame.
 */
final class FrameReader {

    static final int BUFFER = 64 * 1024;
    private static final int HEADER = 8;
    private static final int MAX_STAMP = 64;
    /** The stream the engine reports its own errors on, in band (e.g. "Error grabbing logs"). */
    private static final byte SYSTEM_ERROR = 3;

    /** Receives what a stream holds. */
    interface Frames {
        /**
         * A frame of {@code stream} begins: {@code length} bytes of payload (after the stamp, if any), stamped in
         * {@code second} (Unix time; -1 without stamps). Returns how many of its leading bytes to leave out.
         */
        long begin(LogStream stream, long second, long length) throws IOException;

        /** The next bytes of the current frame; valid only during the call. */
        void bytes(LogStream stream, byte[] buffer, int offset, int length) throws IOException;

        /** Everything read so far was handed out and the reader is about to wait for more. */
        void idle() throws IOException;
    }

    private final InputStream in;
    private final boolean stamped;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;

    FrameReader(InputStream in, boolean stamped) {
        this.in = in;
        this.stamped = stamped;
    }

    /** Reads frames until the stream's clean end (between frames); one that ends inside a frame is an {@link EOFException}. */
    void readAll(Frames frames) throws IOException {
        while (ensure(HEADER, frames)) {
            byte type = buffer[pos];
            LogStream stream = switch (type) {
                case 1 -> LogStream.STDOUT;
                case 2 -> LogStream.STDERR;
                default -> null;
            };
            long size = ((buffer[pos + 4] & 0xffL) << 24) | ((buffer[pos + 5] & 0xffL) << 16)
                    | ((buffer[pos + 6] & 0xffL) << 8) | (buffer[pos + 7] & 0xffL);
            pos += HEADER;
            if (type == SYSTEM_ERROR) {
                throw new IllegalStateException("the engine could not read the container's output: "
                        + errorText(size, frames));
            }
            long second = -1;
            if (stamped && stream != null) {
                int stamp = stampLength(size, frames);
                second = second(buffer, pos, stamp);
                pos += stamp + 1;
                size -= stamp + 1;
            }
            long skip = stream == null ? size : frames.begin(stream, second, size);
            payload(stream, size, skip, frames);
        }
    }

    private void payload(LogStream stream, long size, long skip, Frames frames) throws IOException {
        long left = size;
        long toSkip = skip;
        while (left > 0) {
            if (pos == limit && !fill(frames)) {
                throw new EOFException("the log stream ended inside a frame");
            }
            int n = (int) Math.min(left, limit - pos);
            int skipped = (int) Math.min(toSkip, n);
            if (stream != null && n > skipped) {
                frames.bytes(stream, buffer, pos + skipped, n - skipped);
            }
            toSkip -= skipped;
            pos += n;
            left -= n;
        }
    }

    private String errorText(long size, Frames frames) throws IOException {
        int length = (int) Math.min(size, MAX_STAMP * 16);
        if (!ensure(length, frames)) {
            return "(no text)";
        }
        return new String(buffer, pos, length, StandardCharsets.UTF_8).strip();
    }

    /** The length of the stamp at {@code pos}, up to the space after it. */
    private int stampLength(long size, Frames frames) throws IOException {
        int window = (int) Math.min(size, MAX_STAMP);
        if (window > 0 && !ensure(window, frames)) {
            throw new EOFException("the log stream ended inside a frame");
        }
        for (int i = 0; i < window; i++) {
            if (buffer[pos + i] == ' ') {
                return i;
            }
        }
        throw new IOException("a log frame does not start with a time stamp; was timestamps=1 asked for?");
    }

    /** Makes {@code count} bytes available at {@code pos}; false at a clean end with nothing buffered. */
    private boolean ensure(int count, Frames frames) throws IOException {
        while (limit - pos < count) {
            boolean empty = limit == pos;
            if (!fill(frames)) {
                if (empty) {
                    return false;
                }
                throw new EOFException("the log stream ended inside a frame");
            }
        }
        return true;
    }

    /** Reads once more into the buffer; false at the end of the stream. */
    private boolean fill(Frames frames) throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (pos > 0 && buffer.length - limit < MAX_STAMP) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (available() <= 0) {
            frames.idle();
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private int available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The Unix second of a stamp: the engine's fixed {@code 2006-01-02T15:04:05.000000000Z}, else any RFC 3339. */
    static long second(byte[] text, int offset, int length) throws IOException {
        if (length >= 20 && text[offset + 4] == '-' && text[offset + 7] == '-' && text[offset + 10] == 'T'
                && text[offset + 13] == ':' && text[offset + 16] == ':' && text[offset + length - 1] == 'Z') {
            int year = digits(text, offset, 4);
            int month = digits(text, offset + 5, 2);
            int day = digits(text, offset + 8, 2);
            int hour = digits(text, offset + 11, 2);
            int minute = digits(text, offset + 14, 2);
            int secondOfMinute = digits(text, offset + 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && minute >= 0
                    && secondOfMinute >= 0) {
                try {
                    return LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L
                            + secondOfMinute;
                } catch (DateTimeException noSuchDay) {
                    // Refused below, with the stamp's text.
                }
            }
        }
        String stamp = new String(text, offset, length, StandardCharsets.US_ASCII);
        try {
            return OffsetDateTime.parse(stamp).toEpochSecond();
        } catch (DateTimeException e) {
            throw new IOException("a log frame has no valid time stamp: '" + stamp + "'", e);
        }
    }

    private static int digits(byte[] text, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
