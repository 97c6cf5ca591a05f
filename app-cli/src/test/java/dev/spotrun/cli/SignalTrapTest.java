package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.run.Cancellation;
import org.junit.jupiter.api.Test;

class SignalTrapTest {

    private final TestCli.FakeSignals signals = new TestCli.FakeSignals();
    private final Cancellation cancellation = new Cancellation();

    @Test
    void theFirstSignalCancelsGracefullyAndDecidesTheExitCode() {
        try (SignalTrap trap = new SignalTrap(signals, cancellation)) {
            assertThat(trap.received()).isFalse();
            signals.raise("TERM");
            assertThat(cancellation.isRequested()).isTrue();
            assertThat(cancellation.isGraceful()).isTrue();
            assertThat(trap.exitCode()).isEqualTo(143);
            assertThat(trap.signalName()).isEqualTo("SIGTERM");
            signals.raise("INT");
            assertThat(cancellation.isGraceful()).as("a second signal kills the container at once").isFalse();
            assertThat(trap.exitCode()).isEqualTo(143);
        }
        assertThat(signals.trapped()).as("kept: a late signal must not reach the JVM's handler, exit 130").isTrue();
        signals.raise("INT");
        assertThat(cancellation.isGraceful()).isFalse();
    }

    @Test
    void withoutASignalTheSignalsAreGivenBack() {
        try (SignalTrap trap = new SignalTrap(signals, cancellation)) {
            assertThat(signals.trapped()).isTrue();
        }
        assertThat(signals.trapped()).isFalse();
    }

    @Test
    void sigintIs130() {
        try (SignalTrap trap = new SignalTrap(signals, cancellation)) {
            signals.raise("INT");
            assertThat(trap.exitCode()).isEqualTo(130);
            assertThat(trap.signalName()).isEqualTo("SIGINT");
        }
    }

    @Test
    void sighupIsHandledLikeSigtermAnd129() {
        try (SignalTrap trap = new SignalTrap(signals, cancellation)) {
            signals.raise("HUP");
            assertThat(cancellation.isRequested()).isTrue();
            assertThat(cancellation.isGraceful()).as("a closed terminal stops the container gracefully").isTrue();
            assertThat(trap.exitCode()).isEqualTo(129);
            assertThat(trap.signalName()).isEqualTo("SIGHUP");
        }
    }
}
