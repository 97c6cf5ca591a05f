package dev.spotrun.testkit;

import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.CloudRejected;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults {@link InMemoryCompute} was told to inject, each taken once when it is due. */
final class ComputeFaults {

    private final Set<String> noCapacity = ConcurrentHashMap.newKeySet();
    private final Queue<Phase> interruptions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failingTerminations = new AtomicInteger();
    private final AtomicInteger droppedLaunchAnswers = new AtomicInteger();
    private volatile CloudRejected launchRejection;

    /** No capacity for this type, market ("*" for any) and zone or subnet ("*" for any). */
    void noCapacity(String instanceType, String market, String placement) {
        noCapacity.add(instanceType + "|" + market + "|" + placement);
    }

    boolean hasNoCapacity(LaunchOption option) {
        String place = option.subnet().isEmpty() ? option.zone() : option.subnet();
        return noCapacity.contains(option.instanceType() + "|*|*")
                || noCapacity.contains(option.instanceType() + "|" + option.market() + "|*")
                || noCapacity.contains(option.instanceType() + "|" + option.market() + "|" + place);
    }

    void interruptAt(Phase phase) {
        interruptions.add(phase);
    }

    /** Whether an interruption was planned at {@code phase}; it is taken. */
    boolean takeInterruption(Phase phase) {
        return interruptions.remove(phase);
    }

    void failTerminations(int count) {
        failingTerminations.set(count);
    }

    boolean takeFailingTermination() {
        return failingTerminations.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void dropLaunchAnswers(int count) {
        droppedLaunchAnswers.set(count);
    }

    boolean takeDroppedAnswer() {
        return droppedLaunchAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void rejectLaunches(CloudRejected rejection) {
        this.launchRejection = rejection;
    }

    /** The cloud error every launch fails with, or null. */
    CloudRejected launchRejection() {
        return launchRejection;
    }
}
