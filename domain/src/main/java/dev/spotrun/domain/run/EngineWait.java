package dev.spotrun.domain.run;

import dev.spotrun.domain.Backoff;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.TimedOut;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a connected machine's engine to answer: pings with backoff (the first retry within 100 ms, then
 * doubling up to a second), never past the boot deadline, and asks the cloud every few pings whether the
 * machine is still there, so that a machine taken back while it boots is not reported as a timeout.
 */
final class EngineWait {

    private static final Duration FIRST_PING_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_PING_WAIT = Duration.ofSeconds(1);
    private static final int PINGS_BETWEEN_STATUS_CHECKS = 10;

    private final RunContext context;
    private final int attempt;

    EngineWait(RunContext context, int attempt) {
        this.context = context;
        this.attempt = attempt;
    }

    /**
     * Returns once the engine answered a ping (reported as an event with the engine's version).
     *
     * @throws TimedOut as a boot timeout when the deadline passes first
     */
    void await(Reached.Connected connected, Instant deadline) {
        Backoff backoff = new Backoff(FIRST_PING_WAIT, MAX_PING_WAIT);
        Instant start = context.clock().instant();
        for (int pings = 1; ; pings++) {
            Checks.notCancelled(context.cancellation());
            try {
                String version = connected.engine().ping();
                int count = pings;
                Duration waited = Duration.between(start, context.clock().instant());
                context.events().emit(at -> new RunEvent.EngineReady(at, attempt, version, waited, count));
                return;
            } catch (EngineUnreachable e) {
                Duration left = Checks.remaining(context, deadline);
                if (left.isZero()) {
                    throw new TimedOut(Phase.BOOT, context.spec().timeouts().boot(), "the engine at "
                            + connected.instance().address() + " never answered: " + e.getMessage(), e);
                }
                if (pings % PINGS_BETWEEN_STATUS_CHECKS == 0) {
                    MachineCheck.failIfGone(context, attempt, connected.instance());
                }
                Checks.sleep(context, Backoff.atMost(backoff.next(), left));
            }
        }
    }
}
