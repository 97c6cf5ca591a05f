package dev.spotrun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WarmUpTest {

    @Test
    void theWorkRunsOnceOnADaemonThreadOfItsOwn() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        WarmUp warmUp = new WarmUp("test-warm-up", () -> {
            runs.incrementAndGet();
            ranOn.set(Thread.currentThread());
        }, Duration.ofSeconds(5));
        warmUp.start();
        warmUp.start();
        warmUp.await();
        assertThat(warmUp.done()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().isDaemon()).isTrue();
        assertThat(ranOn.get().getName()).isEqualTo("test-warm-up");
    }

    @Test
    void awaitingWaitsForTheWorkUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        WarmUp warmUp = new WarmUp("test-warm-up", () -> {
            started.countDown();
            sleep(200);
            finished.incrementAndGet();
        }, Duration.ofSeconds(5));
        warmUp.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        warmUp.await();
        assertThat(finished).hasValue(1);
    }

    @Test
    void awaitingWithoutAStartReturnsAtOnceAndTheWorkNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        WarmUp warmUp = new WarmUp("test-warm-up", runs::incrementAndGet, Duration.ofSeconds(5));
        warmUp.await();
        assertThat(runs).hasValue(0);
        assertThat(warmUp.done()).isFalse();
    }

    @Test
    void aWarmUpThatTakesLongerThanThePatienceIsNotWaitedFor() {
        CountDownLatch never = new CountDownLatch(1);
        WarmUp warmUp = new WarmUp("test-warm-up", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(50));
        warmUp.start();
        long start = System.nanoTime();
        warmUp.await();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(warmUp.done()).isFalse();
        never.countDown();
    }

    @Test
    void aFailingWarmUpIsIgnoredAndTheWorkItselfMayAwaitIt() {
        AtomicReference<WarmUp> self = new AtomicReference<>();
        WarmUp warmUp = new WarmUp("test-warm-up", () -> {
            self.get().await(); // the work builds what waits for the warm-up: it must not wait for itself
            throw new IllegalStateException("no cloud here");
        }, Duration.ofSeconds(5));
        self.set(warmUp);
        warmUp.start();
        warmUp.await();
        assertThat(warmUp.done()).isTrue();
    }

    @Test
    void anInterruptedAwaitKeepsTheFlagAndReturns() {
        CountDownLatch never = new CountDownLatch(1);
        WarmUp warmUp = new WarmUp("test-warm-up", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofSeconds(30));
        warmUp.start();
        Thread.currentThread().interrupt();
        warmUp.await();
        assertThat(Thread.interrupted()).isTrue();
        never.countDown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
