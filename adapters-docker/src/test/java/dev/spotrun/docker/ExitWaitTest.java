package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Phase;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.EngineUnreachable;
import dev.spotrun.domain.failure.TimedOut;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait for an exit, in virtual time: each request takes the time its timeout would let it take. */
class ExitWaitTest {

    private final TestClock clock = new TestClock();
    private final EngineFailures failures = new EngineFailures("192.0.2.5");
    private final List<String> calls = new ArrayList<>();

    /** An engine whose container exits at {@code exitAt} with 7, and which goes silent from {@code silentFrom}. */
    private ExitWait.Engine engine(Instant exitAt, Instant silentFrom) {
        return new ExitWait.Engine() {
            @Override
            public Integer exitWithin(String containerId, Duration slice) {
                calls.add("wait");
                Duration toExit = Duration.between(clock.instant(), exitAt);
                if (!clock.instant().isBefore(silentFrom)) {
                    // A silent connection: the body's read timeout, the slice, passes without an answer.
                    clock.advance(slice);
                    return null;
                }
                if (toExit.compareTo(slice) <= 0) {
                    clock.advance(toExit.isNegative() ? Duration.ZERO : toExit);
                    return 7;
                }
                clock.advance(slice);
                return null;
            }

            @Override
            public Integer exitCode(String containerId) {
                calls.add("look");
                if (!clock.instant().isBefore(silentFrom)) {
                    clock.advance(DockerEngine.CHECK_TIMEOUT);
                    throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
                }
                return clock.instant().isBefore(exitAt) ? null : 7;
            }
        };
    }

    @Test
    void an_exit_comes_back_however_long_the_container_runs_and_the_engine_is_looked_at_between_slices() {
        Instant start = clock.instant();
        ExitWait wait = new ExitWait(engine(start.plus(Duration.ofHours(2)), Instant.MAX), failures, clock, clock);
        assertThat(wait.await("c1", Duration.ofHours(3))).isEqualTo(7);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofHours(2));
        assertThat(calls).contains("look").filteredOn("wait"::equals).hasSizeGreaterThan(700);
    }

    @Test
    void a_silent_engine_is_unreachable_within_a_minute_not_at_the_runs_timeout() {
        Instant start = clock.instant();
        Instant silent = start.plus(Duration.ofMinutes(10));
        ExitWait wait = new ExitWait(engine(Instant.MAX, silent), failures, clock, clock);
        assertThatThrownBy(() -> wait.await("c1", Duration.ofHours(6))).isInstanceOf(EngineUnreachable.class)
                .hasMessageContaining("192.0.2.5").hasMessageContaining("answered nothing about container c1");
        assertThat(Duration.between(silent, clock.instant())).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void an_engine_silent_for_less_than_the_limit_is_waited_for() {
        Instant start = clock.instant();
        // Silent for 25 s, then it answers again, and the container exits later.
        ExitWait.Engine flaky = new ExitWait.Engine() {
            final ExitWait.Engine healthy = engine(start.plus(Duration.ofMinutes(5)), Instant.MAX);

            @Override
            public Integer exitWithin(String containerId, Duration slice) {
                return healthy.exitWithin(containerId, slice);
            }

            @Override
            public Integer exitCode(String containerId) {
                Duration since = Duration.between(start, clock.instant());
                if (since.compareTo(Duration.ofSeconds(60)) > 0 && since.compareTo(Duration.ofSeconds(85)) < 0) {
                    clock.advance(Duration.ofSeconds(1));
                    throw new UncheckedIOException(new java.net.ConnectException("Connection refused"));
                }
                return healthy.exitCode(containerId);
            }
        };
        assertThat(new ExitWait(flaky, failures, clock, clock).await("c1", Duration.ofHours(1))).isEqualTo(7);
    }

    @Test
    void a_container_that_runs_too_long_times_out_at_the_runs_timeout() {
        Instant start = clock.instant();
        ExitWait wait = new ExitWait(engine(Instant.MAX, Instant.MAX), failures, clock, clock);
        assertThatThrownBy(() -> wait.await("c1", Duration.ofMinutes(3)))
                .isInstanceOfSatisfying(TimedOut.class, e -> assertThat(e.phase()).isEqualTo(Phase.RUN));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_refusal_is_not_waited_out() {
        ExitWait.Engine refusing = new ExitWait.Engine() {
            @Override
            public Integer exitWithin(String containerId, Duration slice) {
                throw new com.github.dockerjava.api.exception.NotFoundException("{\"message\":\"No such container: c1\"}");
            }

            @Override
            public Integer exitCode(String containerId) {
                throw new AssertionError("not asked");
            }
        };
        assertThatThrownBy(() -> new ExitWait(refusing, failures, clock, clock).await("c1", Duration.ofHours(1)))
                .isInstanceOf(EngineRejected.class).hasMessageContaining("No such container");
    }
}
