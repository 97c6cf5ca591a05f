package dev.spotrun.docker;

import java.time.Instant;

/**
 * Where a container's output was when its log connection dropped, so that a new connection delivers each
 * byte exactly once.
 *
 * <p>The engine stamps every log message (a line, or a piece of a long line) with the time it was written,
 * to the nanosecond, and replays messages in the order it stored them. The API only resumes from a whole
 * second ({@code since}), so a new connection starts a little early; this replays it: messages older than
 * the last one delivered are skipped; among those with the same stamp (rare, but possible) the first ones
 * are skipped by count; the last message's bytes that were already delivered before the drop are skipped.
 * The state is three numbers: memory stays constant however long the output.
 */
final class ResumePoint {

    /** The whole frame was delivered before. */
    static final long ALL = Long.MAX_VALUE;

    private Instant last;
    private int framesAtLast;
    private long deliveredOfLast;
    private int atLastInThisStream;

    /** A new connection starts: its frames are counted afresh. */
    void newStream() {
        atLastInThisStream = 0;
    }

    /** The Unix second a new connection starts from, or 0 for the beginning. */
    long sinceSecond() {
        return last == null ? 0 : last.getEpochSecond();
    }

    /** A frame stamped {@code stamp} begins; returns how many of its bytes were delivered before ({@link #ALL} for all). */
    long frameStarts(Instant stamp) {
        if (last == null || stamp.isAfter(last)) {
            last = stamp;
            framesAtLast = 1;
            atLastInThisStream = 1;
            deliveredOfLast = 0;
            return 0;
        }
        if (stamp.isBefore(last)) {
            return ALL;
        }
        atLastInThisStream++;
        if (atLastInThisStream < framesAtLast) {
            return ALL;
        }
        if (atLastInThisStream == framesAtLast) {
            return deliveredOfLast;
        }
        framesAtLast = atLastInThisStream;
        deliveredOfLast = 0;
        return 0;
    }

    /** {@code bytes} more of the current frame went to the sink. */
    void delivered(long bytes) {
        deliveredOfLast += bytes;
    }
}
