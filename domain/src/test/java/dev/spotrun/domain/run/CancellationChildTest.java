package dev.spotrun.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A fan-out's cancellation reaches every shard's. */
class CancellationChildTest {

    @Test
    void aCancelReachesEveryChildWithItsGracefulness() {
        Cancellation parent = new Cancellation();
        Cancellation first = parent.child();
        Cancellation second = parent.child();

        parent.cancel(true);
        assertThat(first.isRequested()).isTrue();
        assertThat(second.isGraceful()).isTrue();

        parent.cancel(false);
        assertThat(first.requests()).isEqualTo(2);
        assertThat(second.isGraceful()).isFalse();
    }

    @Test
    void aChildMadeAfterACancelStartsCancelled() {
        Cancellation parent = new Cancellation();
        parent.cancel(false);

        Cancellation late = parent.child();

        assertThat(late.isRequested()).isTrue();
        assertThat(late.isGraceful()).isFalse();
    }

    @Test
    void aChildsCancelDoesNotReachItsParentOrSiblings() {
        Cancellation parent = new Cancellation();
        Cancellation first = parent.child();
        Cancellation second = parent.child();

        first.cancel(true);

        assertThat(parent.isRequested()).isFalse();
        assertThat(second.isRequested()).isFalse();
    }

    @Test
    void aChildBoundToAThreadIsInterruptedWhileItWaits() throws InterruptedException {
        Cancellation parent = new Cancellation();
        Cancellation child = parent.child();
        Thread waiter = new Thread(() -> {
            child.bind(Thread.currentThread(), () -> { });
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException expected) {
                return;
            } finally {
                child.unbind();
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        parent.cancel(true);
        waiter.join(5_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
