package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a container's output was when its log connection dropped, so that a new connection delivers each
 * byte exactly once.
 *
 * <p>The engine stamps every log message (a line, or a piece of a long line) with the time it read it from
 * the container, to the nanosecond, and replays messages in the order it stored them. Within one stream
 * (stdout or stderr) that order is the order of the stamps; across the two it is not quite, since each stream
 * is read and stamped on its own and only then stored. So the point is kept per stream: messages older than
 * the stream's last delivered one are skipped; among those with the same stamp (rare, but possible) the first
 * ones are skipped by count; of the last one, the bytes already delivered before the drop are skipped.
 *
 * <p>A new connection must start early enough for both streams. The API resumes only from a whole second
 * ({@code since}), and a message stored after the drop may carry a stamp a little older than one delivered
 * before it, in the other stream; so it starts {@link #REORDER_MARGIN} before the oldest last stamp. The
 * state is a few numbers per stream: memory stays constant however long the output.
 */
final class ResumePoint {

    /** The whole frame was delivered before. */
    static final long ALL = Long.MAX_VALUE;
    /** How much older than a stored message a later-stored one of the other stream may be stamped. */
    static final Duration REORDER_MARGIN = Duration.ofSeconds(2);

    private static final class Position {
        Instant last;
        int framesAtLast;
        long deliveredOfLast;
        int atLastInThisStream;
    }

    private final Map<LogStream, Position> positions = new EnumMap<>(LogStream.class);

    /** A new connection starts: its frames are counted afresh. */
    void newStream() {
        positions.values().forEach(p -> p.atLastInThisStream = 0);
    }

    /** The Unix second a new connection starts from, or 0 for the beginning. */
    long sinceSecond() {
        Instant oldest = positions.values().stream().map(p -> p.last).min(Instant::compareTo).orElse(null);
        return oldest == null ? 0 : Math.max(1, oldest.minus(REORDER_MARGIN).getEpochSecond());
    }

    /** A frame of {@code stream} stamped {@code stamp} begins; returns how many of its bytes were delivered before ({@link #ALL} for all). */
    long frameStarts(LogStream stream, Instant stamp) {
        Position p = positions.computeIfAbsent(stream, s -> new Position());
        if (p.last == null || stamp.isAfter(p.last)) {
            p.last = stamp;
            p.framesAtLast = 1;
            p.atLastInThisStream = 1;
            p.deliveredOfLast = 0;
            return 0;
        }
        if (stamp.isBefore(p.last)) {
            return ALL;
        }
        p.atLastInThisStream++;
        if (p.atLastInThisStream < p.framesAtLast) {
            return ALL;
        }
        if (p.atLastInThisStream == p.framesAtLast) {
            return p.deliveredOfLast;
        }
        p.framesAtLast = p.atLastInThisStream;
        p.deliveredOfLast = 0;
        return 0;
    }

    /** {@code bytes} more of the current frame of {@code stream} went to the sink. */
    void delivered(LogStream stream, long bytes) {
        positions.get(stream).deliveredOfLast += bytes;
    }
}
