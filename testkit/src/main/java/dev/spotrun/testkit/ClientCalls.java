package dev.spotrun.testkit;

import dev.spotrun.domain.failure.Cancelled;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * How the in-memory fakes take a call: as harshly as a real client. The AWS SDK does not send a request from
 * an interrupted thread, and throws away the answer of a call whose thread was interrupted while it was on
 * the wire, so a call on an interrupted thread fails with {@link Cancelled} (its flag kept), and so does one
 * interrupted while a test {@linkplain #hold holds} it, after the fake has done its work.
 */
final class ClientCalls {

    private final Map<String, Queue<CallHold>> holds = new ConcurrentHashMap<>();

    /** Holds the next call of {@code operation} after its work is done, until the test releases it. */
    CallHold hold(String operation) {
        CallHold hold = new CallHold(operation);
        holds.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(hold);
        return hold;
    }

    <T> T call(String operation, Supplier<T> work) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled(operation + " was not sent: the thread was interrupted");
        }
        T answer = work.get();
        Queue<CallHold> queue = holds.get(operation);
        CallHold hold = queue == null ? null : queue.poll();
        if (hold != null) {
            hold.holdHere();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled(operation + " was done, but its answer was dropped: the thread was interrupted");
        }
        return answer;
    }

    void run(String operation, Runnable work) {
        call(operation, () -> {
            work.run();
            return null;
        });
    }
}
