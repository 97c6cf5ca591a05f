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

    /** What a run made besides machines: when, and until when it may live. */
    private record Held(Instant expiresAt, Instant createdAt, Duration abandonAfter) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** A launch of the run at {@code now}: the first one makes what the run holds. */
    void launched(LaunchRequest request, Instant now) {
        held.putIfAbsent(request.runId(), new Held(request.expiresAt(), now, request.abandonAfter()));
    }

    void release(String runId) {
        held.remove(runId);
    }

    /** The expired machines of {@code summaries}, and the runs expired or abandoned at {@code now}. */
    Leftovers leftovers(List<InstanceSummary> summaries, Instant now) {
        List<InstanceSummary> expired = summaries.stream().filter(s -> s.expiredAt(now)).toList();
        Set<String> runs = new TreeSet<>();
        expired.forEach(s -> runs.add(s.runId()));
        Set<String> alive = new TreeSet<>();
        summaries.stream().filter(s -> !s.state().isGone()).forEach(s -> alive.add(s.runId()));
        held.forEach((run, h) -> {
            boolean abandoned = !alive.contains(run) && !h.createdAt().plus(h.abandonAfter()).isAfter(now);
            if (!h.expiresAt().isAfter(now) || abandoned) {
                runs.add(run);
            }
        });
        runs.remove("");
        return new Leftovers(expired, List.copyOf(runs));
    }
}
