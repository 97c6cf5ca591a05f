package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a cancel may interrupt the run's thread, and where it must not. */
class CancellationTest {

    private final Cancellation cancellation = new Cancellation();
    private final AtomicInteger notified = new AtomicInteger();

    @AfterEach
    void unbind() {
        cancellation.unbind();
        assertThat(Thread.interrupted()).as("unbind leaves the thread clean").isFalse();
    }

    @Test
    void aCancelInterruptsTheRunWhileItWaits() {
        cancellation.bind(Thread.currentThread(), notified::incrementAndGet);
        cancellation.cancel(true);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(notified).hasValue(1);
        assertThat(cancellation.isRequested()).isTrue();
        assertThat(cancellation.isGraceful()).isTrue();
    }

    @Test
    void aShieldedCallRunsWithTheFlagClearAndNoCancelInterruptsIt() {
        cancellation.bind(Thread.currentThread(), notified::incrementAndGet);
        Thread.currentThread().interrupt();
        boolean clearInside = cancellation.shielded(() -> {
            boolean clear = !Thread.currentThread().isInterrupted();
            cancellation.cancel(false);
            cancellation.cancel(true);
            return clear && !Thread.currentThread().isInterrupted();
        });
        assertThat(clearInside).as("no interrupt inside the shielded call").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the cancel is owed once the run waits again").isTrue();
        assertThat(cancellation.isGraceful()).as("a later cancel escalates").isFalse();
        assertThat(cancellation.requests()).isEqualTo(2);
    }

    @Test
    void insideAShieldOnlyAnInterruptibleSectionIsInterrupted() {
        cancellation.bind(Thread.currentThread(), notified::incrementAndGet);
        cancellation.shielded(() -> {
            boolean interruptedInside = cancellation.interruptible(() -> {
                cancellation.cancel(false);
                return Thread.currentThread().isInterrupted();
            });
            assertThat(interruptedInside).as("the graceful stop is cut short").isTrue();
            assertThat(Thread.currentThread().isInterrupted()).as("nothing leaks into the shield").isFalse();
            cancellation.cancel(false);
            assertThat(Thread.currentThread().isInterrupted()).as("the shield holds after the section").isFalse();
            return null;
        });
    }

    @Test
    void aCancelBeforeTheRunIsBoundIsRecordedWithoutAnInterrupt() {
        cancellation.cancel(true);
        assertThat(cancellation.isRequested()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
