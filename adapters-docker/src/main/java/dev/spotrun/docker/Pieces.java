package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns frames into the pieces the sink gets: consecutive bytes of one stream are gathered into one piece of
 * up to {@link #PIECE} bytes, and a piece goes out when the stream changes, when it is full, or when the
 * reader is about to wait, so that nothing read waits for more. Counts what it hands on in the
 * {@link ResumePoint}.
 */
final class Pieces implements FrameReader.Frames {

    static final int PIECE = 64 * 1024;

    /** Decides, as each frame begins, how many of its leading bytes were delivered before. */
    @FunctionalInterface
    interface Skips {
        long skip(LogStream stream, long second, long length);
    }

    private final OutputQueue queue;
    private final ResumePoint resume;
    private final Skips skips;
    private byte[] piece;
    private int length;
    private LogStream stream;
    private long frames;

    Pieces(OutputQueue queue, ResumePoint resume, Skips skips) {
        this.queue = queue;
        this.resume = resume;
        this.skips = skips;
    }

    /** For the attached stream: every byte is new. */
    static Pieces attached(OutputQueue queue, ResumePoint resume) {
        return new Pieces(queue, resume, (stream, second, length) -> 0);
    }

    /** For the stored log: what was delivered before is left out. */
    static Pieces fromLog(OutputQueue queue, ResumePoint resume) {
        return new Pieces(queue, resume, resume::logFrame);
    }

    @Override
    public long begin(LogStream frameStream, long second, long frameLength) {
        frames++;
        return skips.skip(frameStream, second, frameLength);
    }

    @Override
    public void bytes(LogStream bytesStream, byte[] buffer, int offset, int count) throws IOException {
        int at = offset;
        int left = count;
        while (left > 0) {
            if (length > 0 && (stream != bytesStream || length == PIECE)) {
                idle();
            }
            if (piece == null) {
                piece = new byte[PIECE];
            }
            stream = bytesStream;
            int n = Math.min(left, PIECE - length);
            System.arraycopy(buffer, at, piece, length, n);
            length += n;
            at += n;
            left -= n;
            resume.delivered(bytesStream, n);
        }
    }

    @Override
    public void idle() throws IOException {
        if (length == 0) {
            return;
        }
        byte[] out = length == PIECE ? piece : Arrays.copyOf(piece, length);
        if (out == piece) {
            piece = null;
        }
        length = 0;
        if (!queue.put(stream, out)) {
            throw new IOException("the output reader was stopped");
        }
    }

    /** At the end of a connection, however it ended: what was counted as delivered goes out. */
    void finish() {
        try {
            idle();
        } catch (IOException stopped) {
            // Nobody waits for it any more.
        }
    }

    /** How many frames began: a connection that brought some made progress. */
    long frames() {
        return frames;
    }
}
