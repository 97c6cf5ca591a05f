package dev.spotrun.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A call that a fake holds "on the wire": the fake has done its work, and the answer waits until the test
 * {@linkplain #release() releases} it. Meanwhile the test can cancel the run, interrupt the caller, send more
 * signals: what a real client sees while a slow cloud has its request.
 */
public final class CallHold {

    private final String operation;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    CallHold(String operation) {
        this.operation = operation;
    }

    /** Waits until the held call arrived; fails the test after {@code limit}. */
    public void awaitArrival(Duration limit) throws InterruptedException {
        if (!arrived.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no " + operation + " call arrived within " + limit);
        }
    }

    /** Whether the held call arrived. */
    public boolean arrived() {
        return arrived.getCount() == 0;
    }

    /** Lets the held call answer. */
    public void release() {
        released.countDown();
    }

    /** Called by the fake on the caller's thread: holds it, whatever interrupts it gets, as a socket read does. */
    void holdHere() {
        arrived.countDown();
        boolean interrupted = false;
        while (true) {
            try {
                released.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
