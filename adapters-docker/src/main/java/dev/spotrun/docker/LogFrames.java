package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the engine's multiplexed log stream: frames of an 8-byte header (stream, 0, 0, 0, big-endian size)
 * and a payload that, with {@code timestamps=1}, starts with the message's RFC 3339 time and a space.
 * Hands out each payload in pieces of at most {@link #PIECE} bytes, so a frame of any size needs no more.
 */
final class LogFrames {

    static final int PIECE = 32 * 1024;
    private static final int MAX_STAMP = 64;

    /** Receives what a stream holds, frame by frame. */
    interface Reader {
        /** A frame begins; returns how many of its leading bytes (after the stamp) to skip. */
        long frame(LogStream stream, Instant stamp);

        /** The next piece of the current frame; {@code piece} is the reader's to keep. */
        void piece(LogStream stream, byte[] piece) throws IOException;
    }

    private final InputStream in;
    private final byte[] header = new byte[8];

    LogFrames(InputStream in) {
        this.in = in;
    }

    /** Reads one frame; returns false at the stream's clean end (between frames). */
    boolean next(Reader reader) throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        header[0] = (byte) first;
        readFully(header, 1, 7);
        long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8) | (header[7] & 0xffL);
        LogStream stream = switch (header[0]) {
            case 1 -> LogStream.STDOUT;
            case 2 -> LogStream.STDERR;
            default -> null;
        };
        if (stream == null) {
            skip(size);
            return true;
        }
        byte[] stampBytes = new byte[MAX_STAMP];
        int stampLength = 0;
        while (size > 0) {
            int b = readByte();
            size--;
            if (b == ' ') {
                break;
            }
            if (stampLength == MAX_STAMP) {
                throw new IOException("a log frame does not start with a time stamp; was timestamps=1 asked for?");
            }
            stampBytes[stampLength++] = (byte) b;
        }
        long skip = reader.frame(stream, stamp(new String(stampBytes, 0, stampLength, java.nio.charset.StandardCharsets.US_ASCII)));
        long skipped = Math.min(skip, size);
        skip(skipped);
        size -= skipped;
        while (size > 0) {
            byte[] piece = new byte[(int) Math.min(PIECE, size)];
            readFully(piece, 0, piece.length);
            size -= piece.length;
            reader.piece(stream, piece);
        }
        return true;
    }

    private static Instant stamp(String text) throws IOException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("a log frame has no valid time stamp: '" + text + "'", e);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the log stream ended inside a frame");
        }
        return b;
    }

    private void readFully(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("the log stream ended inside a frame");
            }
            done += n;
        }
    }

    private void skip(long count) throws IOException {
        long left = count;
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, count))];
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                throw new EOFException("the log stream ended inside a frame");
            }
            left -= n;
        }
    }
}
