package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.port.LogSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over of a container's output from the thread that reads it to the caller's thread, which writes
 * it to the sink: a slow sink slows the reading (and so the container, as with {@code docker run}) instead
 * of filling memory, and an interrupt of the caller ends its wait at once. Memory is at most
 * {@link #PIECES} pieces of at most {@link Pieces#PIECE} bytes, whatever the container writes.
 */
final class OutputQueue {

    static final int PIECES = 32;
    private static final long POLL_MILLIS = 100;

    private record Piece(LogStream stream, byte[] bytes) {
    }

    private static final Piece END = new Piece(null, null);

    private final BlockingQueue<Piece> queue = new ArrayBlockingQueue<>(PIECES);
    private volatile boolean stopped;
    private volatile boolean ended;

    /** Reader's side: queues a piece, waiting for room; false when the reading was stopped meanwhile. */
    boolean put(LogStream stream, byte[] bytes) {
        Piece piece = new Piece(stream, bytes);
        try {
            while (!stopped) {
                if (queue.offer(piece, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reader's side: nothing more comes. */
    void end() {
        ended = true;
        // Best effort: if the queue is full, the caller finds the end by the flag once it is drained.
        queue.offer(END);
    }

    /** Either side: the caller gave up, or the client closes. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Caller's side: writes every piece to the sink until the end. The sink is told to flush whenever nothing
     * more is waiting, so output shows as it comes without a flush per piece while more is queued.
     */
    void deliver(LogSink sink) throws InterruptedException {
        while (true) {
            Piece piece = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (piece == END || (piece == null && ended && queue.isEmpty())) {
                sink.flush();
                return;
            }
            if (piece != null) {
                sink.write(piece.stream(), piece.bytes());
                if (queue.isEmpty()) {
                    sink.flush();
                }
            }
        }
    }
}
