package dev.spotrun.cli;

import dev.spotrun.domain.run.Cancellation;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns SIGINT, SIGTERM and SIGHUP (a closed terminal, handled like SIGTERM) into a cancel of the run: the
 * first stops the container gracefully, any later one kills it at once; the machine is terminated either way,
 * and spotrun then exits with 130, 143 or 129 after the first signal's name.
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
        int code = ExitCodes.ofSignal(name);
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

    /** 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP; 0 when no signal arrived. */
    int exitCode() {
        return exitCode.get();
    }

    /** The first signal's name, e.g. {@code SIGINT}, or "" when none arrived. */
    String signalName() {
        return switch (exitCode.get()) {
            case 0 -> "";
            case ExitCodes.SIGTERM -> "SIGTERM";
            case ExitCodes.SIGHUP -> "SIGHUP";
            default -> "SIGINT";
        };
    }

    /**
     * Gives the signals back to the JVM, unless one arrived: then the exit code is decided, and a later signal
     * in the last moments before the exit must not reach the JVM's own handler, which would exit with its
     * own code (130 for a late SIGINT after a SIGTERM) before spotrun exits with the first signal's.
     */
    @Override
    public void close() {
        if (!received()) {
            registration.close();
        }
    }
}
