package dev.spotrun.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.failure.Cancelled;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AheadTest {

    @Test
    void theValueIsWorkedOutOnADaemonThreadOfItsOwn() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Ahead<String> ahead = Ahead.start("a value", "test-ahead", () -> {
            ranOn.set(Thread.currentThread());
            return "ami-123";
        });
        assertThat(ahead.get()).isEqualTo("ami-123");
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().isDaemon()).isTrue();
        assertThat(ranOn.get().getName()).isEqualTo("test-ahead");
    }

    @Test
    void whatTheWorkThrewIsThrownToTheCallerAsItWas() {
        IllegalStateException failure = new IllegalStateException("refused");
        Ahead<String> ahead = Ahead.start("a value", "test-ahead", () -> {
            throw failure;
        });
        assertThatThrownBy(ahead::get).isSameAs(failure);
        AssertionError error = new AssertionError("broken");
        assertThatThrownBy(Ahead.start("a value", "test-ahead", () -> {
            throw error;
        })::get).isSameAs(error);
    }

    @Test
    void aCallerInterruptedWhileItWaitsIsCancelledAndKeepsItsFlag() {
        CountDownLatch never = new CountDownLatch(1);
        Ahead<String> ahead = Ahead.start("the image id", "test-ahead", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        Thread.currentThread().interrupt();
        assertThatThrownBy(ahead::get).isInstanceOf(Cancelled.class).hasMessageContaining("the image id");
        assertThat(Thread.interrupted()).isTrue();
        never.countDown();
    }
}
