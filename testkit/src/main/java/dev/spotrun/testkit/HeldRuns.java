package dev.spotrun.testkit;

import dev.spotrun.domain.InstanceSummary;
import dev.spotrun.domain.Leftovers;
import dev.spotrun.domain.LaunchRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each run made besides its machines in {@link InMemoryCompute} (a cloud's per-run security group), by run
 * id, until it is released; and what of it all is left over at a given moment.
 */
final class HeldRuns {

    /** What a run made besides machines: when, until when it may live, and whether its run ended and left it. */
    private record Held(Instant expiresAt, Instant createdAt, Duration abandonAfter, boolean ended) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** A launch of the run at {@code now}: the first one makes what the run holds. */
    void launched(LaunchRequest request, Instant now) {
        held.putIfAbsent(request.runId(), new Held(request.expiresAt(), now, request.abandonAfter(), false));
    }

    void release(String runId) {
        held.remove(runId);
    }

    boolean holds(String runId) {
        return held.containsKey(runId);
    }

    /** The run ended while a machine going away still held what it made: it is to be released once free. */
    void markEnded(String runId) {
        held.computeIfPresent(runId, (run, h) -> new Held(h.expiresAt(), h.createdAt(), h.abandonAfter(), true));
    }

    /** The runs that ended and left what they made to be released later. */
    Set<String> ended() {
        Set<String> runs = new TreeSet<>();
        held.forEach((run, h) -> {
            if (h.ended()) {
                runs.add(run);
            }
        });
        return runs;
    }

    /** The expired machines of {@code summaries}, and the runs expired or abandoned at {@code now}. */
    Leftovers leftovers(List<InstanceSummary> summaries, Instant now) {
        List<InstanceSummary> expired = summaries.stream().filter(s -> s.expiredAt(now)).toList();
        Set<String> runs = new TreeSet<>();
        expired.forEach(s -> runs.add(s.runId()));
        Set<String> alive = new TreeSet<>();
        summaries.stream().filter(s -> !s.state().isGone()).forEach(s -> alive.add(s.runId()));
        held.forEach((run, h) -> {
            boolean over = h.ended() || !h.createdAt().plus(h.abandonAfter()).isAfter(now);
            if (!h.expiresAt().isAfter(now) || !alive.contains(run) && over) {
                runs.add(run);
            }
        });
        runs.remove("");
        return new Leftovers(expired, List.copyOf(runs));
    }
}
