package dev.spotrun.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.port.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Follows one container's output to the end, reconnecting when the connection drops.
 *
 * <p>A reader thread parses the engine's frames ({@link LogFrames}) into a small bounded queue; the calling
 * thread takes them and writes them to the sink, so the sink runs on the caller's thread, a slow sink slows
 * the reading (and so the engine) instead of filling memory, and an interrupt of the caller ends the wait at
 * once. Memory is the queue (16 pieces of at most 32 KiB) whatever the container writes.
 *
 * <p>Resuming: the output is asked for with time stamps, and a broken connection is resumed from the last
 * delivered message of each stream ({@link ResumePoint}) with {@code since}. The engine must answer again
 * within the reconnect window; a connection that brought output restarts the window and the backoff. When
 * a follow ends and the container no longer runs, one last read without {@code follow} takes whatever the
 * follow missed (Docker 20.10 ends a follow before the tail of a container that exits fast).
 */
final class LogFollower {

    private static final int QUEUE_PIECES = 16;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private record Piece(LogStream stream, byte[] bytes) {
    }

    private static final Piece END = new Piece(null, null);

    private final DockerHttpClient http;
    private final String containerId;
    private final EngineFailures failures;
    private final BooleanSupplier running;
    private final Duration reconnectWindow;
    private final ResumePoint resume = new ResumePoint();
    private final BlockingQueue<Piece> queue = new ArrayBlockingQueue<>(QUEUE_PIECES);
    private volatile DockerHttpClient.Response response;
    private volatile boolean stopped;
    private volatile RuntimeException failure;
    private volatile boolean readerDone;
    /** Frames the current connection brought: a connection that brought some made progress. */
    private int framesRead;

    LogFollower(DockerHttpClient http, String containerId, EngineFailures failures, BooleanSupplier running,
                Duration reconnectWindow) {
        this.http = http;
        this.containerId = containerId;
        this.failures = failures;
        this.running = running;
        this.reconnectWindow = reconnectWindow;
    }

    /** Runs on the reader thread: reads until the output ends, then queues the end. */
    void read() {
        try {
            follow();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            readerDone = true;
            // Best effort: if the queue is full, the caller finds the end by readerDone once it is drained.
            queue.offer(END);
        }
    }

    /** Runs on the caller's thread: writes what the reader queued until the end. */
    void deliver(LogSink sink) throws InterruptedException {
        while (true) {
            Piece piece = queue.poll(100, TimeUnit.MILLISECONDS);
            if (piece == END || (piece == null && readerDone && queue.isEmpty())) {
                break;
            }
            if (piece != null) {
                sink.write(piece.stream(), piece.bytes());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Ends the reading: from another thread, when the caller gives up or the client closes. */
    void stop() {
        stopped = true;
        DockerHttpClient.Response current = response;
        if (current != null) {
            current.close();
        }
    }

    private void follow() {
        Instant deadline = Instant.now().plus(reconnectWindow);
        Duration wait = FIRST_RETRY;
        boolean following = true;
        while (!stopped) {
            framesRead = 0;
            boolean ended = false;
            try {
                readOnce(following);
                if (!following) {
                    return;
                }
                // The engine stops following when the container stops, at times before its last messages
                // (Docker 20.10 does so for a container that exits fast): read once more without following,
                // which ends at the log's end.
                following = running.getAsBoolean();
                ended = !following;
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                if (!EngineFailures.connectionBroke(e) || (framesRead == 0 && Instant.now().isAfter(deadline))) {
                    throw failures.translate("follow the output of container " + containerId, e);
                }
            }
            if (framesRead > 0) {
                deadline = Instant.now().plus(reconnectWindow);
                wait = FIRST_RETRY;
            }
            if (!ended) {
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    /** One connection: reads frames until it ends. */
    private void readOnce(boolean follow) throws IOException {
        resume.newStream();
        long since = resume.sinceSecond();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/logs?follow=" + (follow ? 1 : 0)
                        + "&stdout=1&stderr=1&timestamps=1" + (since > 0 ? "&since=" + since : ""))
                .build();
        try (DockerHttpClient.Response opened = http.execute(request)) {
            response = opened;
            if (stopped) {
                return;
            }
            if (opened.getStatusCode() != 200) {
                throw refused(opened);
            }
            LogFrames frames = new LogFrames(opened.getBody());
            LogFrames.Reader reader = new LogFrames.Reader() {
                @Override
                public long frame(LogStream stream, Instant stamp) {
                    framesRead++;
                    return resume.frameStarts(stream, stamp);
                }

                @Override
                public void piece(LogStream stream, byte[] piece) throws IOException {
                    resume.delivered(stream, piece.length);
                    if (!offer(new Piece(stream, piece))) {
                        throw new IOException("the log reader was stopped");
                    }
                }
            };
            while (!stopped && frames.next(reader)) {
                // Each frame went to the queue.
            }
        } finally {
            response = null;
        }
    }

    private EngineRejected refused(DockerHttpClient.Response opened) throws IOException {
        byte[] body;
        try (InputStream in = opened.getBody()) {
            body = in.readNBytes(4096);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return new EngineRejected("the engine at " + failures.address() + " refused the output of container "
                + containerId + " (" + opened.getStatusCode() + "): " + text.strip(), null);
    }

    /** Queues a piece for the caller; false when the reading was stopped meanwhile. */
    private boolean offer(Piece piece) {
        try {
            while (!stopped) {
                if (queue.offer(piece, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
