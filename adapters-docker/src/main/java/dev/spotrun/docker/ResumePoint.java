package dev.spotrun.docker;

import dev.spotrun.domain.LogStream;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a container's output is, so that reading on from the engine's stored log after a dropped connection
 * delivers each byte exactly once.
 *
 * <p>The truth is one count per stream: how many bytes of stdout and of stderr went to the sink. The bulk
 * arrives attached, without time stamps; the engine's stored log holds the same bytes of each stream in the
 * same order, so a read of the log leaves out exactly that many bytes of each stream and delivers the rest.
 *
 * <p>Reading the log from its beginning costs as much as the output so far, at the log's speed. So while it
 * reads the log, it notes per stream where each new second of stamps begins (a few marks, for the last
 * seconds only), and a later reconnect starts from a recent whole second ({@code since}), knowing where in
 * each stream that second begins. Within a stream the engine stores messages in the order of their stamps;
 * across the two it may store one after a message of the other stream stamped up to a little later, so a
 * reconnect starts {@link #REORDER_MARGIN_SECONDS} before the latest stamp seen: a stream that showed nothing
 * from that second on has all of what it showed before it. The state is a few numbers per stream: memory stays
 * constant however long the output.
 */
final class ResumePoint {

    /** How much older than a stored message of one stream a later-stored one of the other may be stamped. */
    static final long REORDER_MARGIN_SECONDS = 2;
    private static final int MARKS = 16;

    /** The stream's first message stamped in any second from {@code from} to {@code to} starts at {@code position}. */
    private record Mark(long from, long to, long position) {
    }

    private static final class Track {
        long delivered;
        /** Where the current read of the log is in this stream. */
        long position;
        /** How far in this stream any read of the log got, and the second stamped there. */
        long seen;
        long seenSecond = -1;
        /** The second of this stream's previous message in the current read (since - 1 before the first). */
        long previousSecond = -1;
        final Deque<Mark> marks = new ArrayDeque<>();
    }

    private final Map<LogStream, Track> tracks = new EnumMap<>(LogStream.class);
    private long frontier = -1;

    ResumePoint() {
        for (LogStream stream : LogStream.values()) {
            tracks.put(stream, new Track());
        }
    }

    /** How many bytes of {@code stream} went to the sink. */
    long delivered(LogStream stream) {
        return tracks.get(stream).delivered;
    }

    /** {@code bytes} more of {@code stream} went to the sink. */
    void delivered(LogStream stream, long bytes) {
        tracks.get(stream).delivered += bytes;
    }

    /** A read of the stored log begins; returns the Unix second it must start from, 0 for the beginning. */
    long startLog() {
        long since = since();
        for (Track track : tracks.values()) {
            track.position = base(track, since);
            track.previousSecond = since - 1;
        }
        return since;
    }

    /**
     * A message of the stored log begins: {@code length} bytes of {@code stream} stamped in {@code second}.
     * Returns how many of its leading bytes were delivered before.
     *
     * @throws IllegalStateException when the log does not hold the next byte to deliver (it lost some)
     */
    long logFrame(LogStream stream, long second, long length) {
        Track track = tracks.get(stream);
        if (second > track.previousSecond) {
            mark(track, new Mark(track.previousSecond + 1, second, track.position));
            track.previousSecond = second;
        }
        frontier = Math.max(frontier, second);
        long start = track.position;
        if (start > track.delivered) {
            throw new IllegalStateException("the engine's stored log skips " + stream.name().toLowerCase(Locale.ROOT)
                    + " bytes " + track.delivered + " to " + start + " of the container's output");
        }
        track.position += length;
        if (track.position > track.seen) {
            track.seen = track.position;
            track.seenSecond = second;
        }
        return Math.min(length, track.delivered - start);
    }

    /**
     * The stored log was read to its end (the container no longer runs).
     *
     * @throws IllegalStateException when it holds less of a stream than was delivered: it was rotated or lost
     *                               some, and what it gave after the drop may not follow on
     */
    void logEnded() {
        tracks.forEach((stream, track) -> {
            if (track.seen < track.delivered) {
                throw new IllegalStateException("the engine's stored log holds only " + track.seen + " of the "
                        + track.delivered + " bytes of " + stream.name().toLowerCase(Locale.ROOT)
                        + " delivered before the connection dropped (was it rotated?)");
            }
        });
    }

    /** The latest second that both streams' positions are known for, minus the margin; else 0. */
    private long since() {
        if (frontier < 0) {
            return 0;
        }
        for (long since = Math.max(0, frontier - REORDER_MARGIN_SECONDS); since > 0; since = earlierMark(since)) {
            if (known(since)) {
                return since;
            }
        }
        return 0;
    }

    private boolean known(long since) {
        return tracks.values().stream().allMatch(track -> base(track, since) >= 0);
    }

    /** Where in {@code track}'s stream the log read from {@code since} starts, or -1 when that is not known. */
    private static long base(Track track, long since) {
        if (since == 0) {
            return 0;
        }
        for (Mark mark : track.marks) {
            if (mark.from() <= since && since <= mark.to()) {
                return mark.position();
            }
        }
        return track.seenSecond < since ? track.seen : -1;
    }

    private long earlierMark(long than) {
        long best = 0;
        for (Track track : tracks.values()) {
            for (Mark mark : track.marks) {
                if (mark.from() < than && mark.from() > best) {
                    best = mark.from();
                }
            }
        }
        return best;
    }

    private void mark(Track track, Mark mark) {
        // A read of the log again over what an earlier one saw widens that mark instead of adding one.
        Mark same = track.marks.stream().filter(m -> m.position() == mark.position()).findFirst().orElse(null);
        if (same != null) {
            track.marks.remove(same);
        }
        track.marks.addLast(same == null ? mark : new Mark(Math.min(same.from(), mark.from()),
                Math.max(same.to(), mark.to()), mark.position()));
        long oldestUseful = frontier - REORDER_MARGIN_SECONDS - 2;
        track.marks.removeIf(m -> m.to() < oldestUseful);
        while (track.marks.size() > MARKS) {
            track.marks.stream().min(Comparator.comparingLong(Mark::to)).ifPresent(track.marks::remove);
        }
    }
}
