package dev.spotrun.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.port.LogSink;
import dev.spotrun.domain.Backoff;
import dev.spotrun.domain.port.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Follows one container's output to the end, from its first byte, resuming when the connection drops.
 *
 * <p>Why attach, and the stored log only to resume: the engine's attach stream carries the container's
 * writes as they are, in frames as big as its writes, at the engine's speed (what {@code docker run} and
 * {@code docker start -a} use). Its stored log ({@code /logs}) cuts the output into a message per line, each
 * its own frame, time stamp and flush, and is several times slower. But an attach delivers only what is
 * written while it is attached, so it must be made before the container starts ({@code DockerEngine.attach}),
 * and a dropped attach cannot be resumed: the output written meanwhile exists only in the stored log. So the
 * resume point is an exact byte count per stream ({@link ResumePoint}); after a drop the rest comes from the
 * stored log, which holds the same bytes of each stream in the same order: skip what was delivered, deliver
 * the rest, and follow it to the end. A follow of the log resumes from a recent second, not from the start.
 *
 * <p>A reader thread ({@link #read()}) parses frames ({@link FrameReader}) into a small bounded queue
 * ({@link OutputQueue}); the caller's thread takes them and writes them to the sink ({@link #deliver}). The
 * engine must answer again within the reconnect window; a connection that brought output restarts the window
 * and the backoff. When a follow of the log ends and the container no longer runs, one last read without
 * {@code follow} takes whatever the follow missed (Docker 20.10 ends a follow before the tail of a container
 * that exits fast).
 *
 * <p>Limits: the stored log must hold the whole output (the engine's default json-file log does; a log that
 * ends short of what was delivered is reported, not papered over), and json-file stores bytes that are not
 * UTF-8 as U+FFFD, so binary output that needs a resume after a drop cannot come back byte for byte.
 */
final class LogFollower {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private final Transport http;
    private final String containerId;
    private final EngineFailures failures;
    private final BooleanSupplier running;
    private final Duration reconnectWindow;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ResumePoint resume = new ResumePoint();
    private final OutputQueue queue = new OutputQueue();
    private final DockerHttpClient.Response attached;
    private volatile DockerHttpClient.Response response;
    private volatile RuntimeException failure;

    /**
     * @param attached the container's attached output, made before it started, or null to read everything from
     *                 the stored log
     */
    LogFollower(Transport http, String containerId, EngineFailures failures, BooleanSupplier running,
                Duration reconnectWindow, Clock clock, Sleeper sleeper, DockerHttpClient.Response attached) {
        this.http = http;
        this.containerId = containerId;
        this.failures = failures;
        this.running = running;
        this.reconnectWindow = reconnectWindow;
        this.clock = clock;
        this.sleeper = sleeper;
        this.attached = attached;
        this.response = attached;
    }

    /** Runs on the reader thread: reads until the output ends, then queues the end. */
    void read() {
        try {
            if (attached == null || !readAttached()) {
                followLog();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            queue.end();
        }
    }

    /** Runs on the caller's thread: writes what the reader queued until the end. */
    void deliver(LogSink sink) throws InterruptedException {
        queue.deliver(sink);
        if (failure != null) {
            throw failure;
        }
    }

    /** Ends the reading: from another thread, when the caller gives up or the client closes. */
    void stop() {
        queue.stop();
        DockerHttpClient.Response current = response;
        if (current != null) {
            current.close();
        }
    }

    /** Reads the attached output; true when it was all of it, false when the stored log must finish it. */
    private boolean readAttached() {
        Pieces pieces = Pieces.attached(queue, resume);
        try (DockerHttpClient.Response opened = attached) {
            new FrameReader(opened.getBody(), false).readAll(pieces);
            pieces.finish();
            // The engine ends an attach when the container's streams close, after its exit. A stream that ends
            // while the container runs was cut by something else.
            return queue.stopped() || !running.getAsBoolean();
        } catch (IOException | RuntimeException e) {
            pieces.finish();
            if (queue.stopped()) {
                return true;
            }
            if (!EngineFailures.connectionBroke(e)) {
                throw failures.translate(operation(), e);
            }
            failures.connectionLost();
            return false;
        } finally {
            response = null;
        }
    }

    private void followLog() {
        Instant deadline = clock.instant().plus(reconnectWindow);
        Backoff waits = new Backoff(FIRST_RETRY, MAX_RETRY);
        boolean following = true;
        while (!queue.stopped()) {
            Pieces pieces = Pieces.fromLog(queue, resume);
            boolean ended = false;
            try {
                readLog(following, pieces);
                if (!following) {
                    resume.logEnded();
                    return;
                }
                following = running.getAsBoolean();
                ended = !following;
            } catch (IOException | RuntimeException e) {
                if (queue.stopped()) {
                    return;
                }
                if (!EngineFailures.connectionBroke(e) || (pieces.frames() == 0 && clock.instant().isAfter(deadline))) {
                    throw failures.translate(operation(), e);
                }
                failures.connectionLost();
            }
            if (pieces.frames() > 0) {
                deadline = clock.instant().plus(reconnectWindow);
                waits.reset();
            }
            if (!ended) {
                pause(waits.next());
            }
        }
    }

    /** One read of the stored log, from where the output is, to the end of the connection. */
    private void readLog(boolean follow, Pieces pieces) throws IOException {
        long since = resume.startLog();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/logs?follow=" + (follow ? 1 : 0)
                        + "&stdout=1&stderr=1&timestamps=1" + (since > 0 ? "&since=" + since : ""))
                .build();
        try (DockerHttpClient.Response opened = http.execute(request, ANSWER_TIMEOUT, null)) {
            response = opened;
            if (queue.stopped()) {
                return;
            }
            if (opened.getStatusCode() != 200) {
                throw refused(opened);
            }
            try {
                new FrameReader(opened.getBody(), true).readAll(pieces);
            } finally {
                pieces.finish();
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

    private String operation() {
        return "follow the output of container " + containerId;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.stop();
        }
    }
}
