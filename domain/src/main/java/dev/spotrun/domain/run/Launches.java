package dev.spotrun.domain.run;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.failure.TerminateFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run launched or may have launched, so that its clean-up reconciles instead of trusting one answer:
 * the machines the cloud named, the launches whose answer was lost (the cloud may have made the machine; the
 * same client token finds it again), the machines terminated, and those that could not be.
 */
final class Launches {

    private final Map<String, Integer> attemptOf = new LinkedHashMap<>();
    private final Map<String, LaunchRequest> unanswered = new LinkedHashMap<>();
    private final List<String> terminated = new ArrayList<>();
    private final Map<String, TerminateFailed> failed = new LinkedHashMap<>();

    synchronized void asked(LaunchRequest request) {
        unanswered.put(request.clientToken(), request);
    }

    /** The cloud answered {@code request} with {@code instance}. */
    synchronized void answered(LaunchRequest request, Instance instance) {
        unanswered.remove(request.clientToken());
        attemptOf.putIfAbsent(instance.id(), request.attempt());
    }

    /** The cloud said for sure that it made nothing (no capacity, a refused request). */
    synchronized void refused(LaunchRequest request) {
        unanswered.remove(request.clientToken());
    }

    synchronized List<LaunchRequest> unanswered() {
        return List.copyOf(unanswered.values());
    }

    synchronized int attemptOf(String instanceId) {
        return attemptOf.getOrDefault(instanceId, 0);
    }

    synchronized void terminated(String instanceId) {
        terminated.add(instanceId);
        failed.remove(instanceId);
    }

    synchronized void terminateFailed(String instanceId, TerminateFailed failure) {
        failed.put(instanceId, failure);
    }

    /** Machines the run knows of that are neither terminated nor given up on. */
    synchronized List<String> toTerminate() {
        return attemptOf.keySet().stream().filter(id -> !terminated.contains(id) && !failed.containsKey(id)).toList();
    }

    synchronized boolean handled(String instanceId) {
        return terminated.contains(instanceId) || failed.containsKey(instanceId);
    }

    synchronized List<TerminateFailed> failures() {
        return List.copyOf(failed.values());
    }
}
