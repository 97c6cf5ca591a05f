package dev.spotrun.cli;

import dev.spotrun.domain.run.Cancellation;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns SIGINT and SIGTERM into a cancel of the run: the first stops the container gracefully, a second one
 * kills it at once; the machine is terminated either way, and spotrun then exits with 130 or 143 after the
 * first signal's name.
 */
final class SignalTrap implements AutoCloseable {

    private final Cancellation cancellation;
    private final Signals.Registration registration;
    private final AtomicInteger exitCode = new AtomicInteger();

    SignalTrap(Signals signals, Cancellation cancellation) {
        this.cancellation = cancellation;
        this.registration = signals.trap(this::signal);
    }

    void signal(String name) {
        int code = name.equals("TERM") ? ExitCodes.SIGTERM : ExitCodes.SIGINT;
        if (exitCode.compareAndSet(0, code)) {
            cancellation.cancel(true);
        } else {
            cancellation.cancel(false);
        }
    }

    /** Whether a signal arrived. */
    boolean received() {
        return exitCode.get() != 0;
    }

    /** 130 after SIGINT, 143 after SIGTERM; 0 when no signal arrived. */
    int exitCode() {
        return exitCode.get();
    }

    /** The first signal's name, e.g. {@code SIGINT}, or "" when none arrived. */
    String signalName() {
        int code = exitCode.get();
        return code == 0 ? "" : code == ExitCodes.SIGTERM ? "SIGTERM" : "SIGINT";
    }

    @Override
    public void close() {
        registration.close();
    }
}
