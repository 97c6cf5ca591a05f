package dev.spotrun.docker;

import static dev.spotrun.domain.LogStream.STDERR;
import static dev.spotrun.domain.LogStream.STDOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResumePointTest {

    private static final long T = 1_900_000_000L;
    private final ResumePoint resume = new ResumePoint();

    @Test
    void a_fresh_stream_starts_from_the_beginning_and_delivers_everything() {
        assertThat(resume.startLog()).isZero();
        assertThat(resume.logFrame(STDOUT, T, 10)).isZero();
        resume.delivered(STDOUT, 10);
        assertThat(resume.logFrame(STDOUT, T, 4)).isZero();
    }

    @Test
    void a_reconnect_skips_what_was_delivered_and_finishes_a_cut_frame() {
        // Delivered attached: 10 bytes of one message, then 3 of the next before the cut.
        resume.delivered(STDOUT, 13);

        assertThat(resume.startLog()).as("nothing seen of the log yet: from its beginning").isZero();
        assertThat(resume.logFrame(STDOUT, T, 10)).isEqualTo(10);
        assertThat(resume.logFrame(STDOUT, T, 7)).isEqualTo(3);
        resume.delivered(STDOUT, 4);
        assertThat(resume.logFrame(STDOUT, T + 1, 5)).isZero();
        assertThat(resume.delivered(STDOUT)).isEqualTo(17);
    }

    @Test
    void messages_with_the_same_stamp_are_told_apart_by_their_bytes() {
        resume.startLog();
        resume.logFrame(STDOUT, T, 5);
        resume.delivered(STDOUT, 5);
        resume.logFrame(STDOUT, T, 6);
        resume.delivered(STDOUT, 2);

        resume.startLog();
        assertThat(resume.logFrame(STDOUT, T, 5)).isEqualTo(5);
        assertThat(resume.logFrame(STDOUT, T, 6)).isEqualTo(2);
        resume.delivered(STDOUT, 4);
        assertThat(resume.logFrame(STDOUT, T, 3)).isZero();
    }

    @Test
    void each_stream_keeps_its_own_place_even_when_stamps_interleave_out_of_order() {
        resume.startLog();
        resume.logFrame(STDOUT, T + 5, 8);
        resume.delivered(STDOUT, 8);
        // Stored after the stdout message, but stamped a second before it: it is new all the same.
        assertThat(resume.logFrame(STDERR, T + 4, 4)).isZero();
        resume.delivered(STDERR, 4);

        long since = resume.startLog();
        assertThat(since).isEqualTo(T + 3);
        assertThat(resume.logFrame(STDERR, T + 4, 4)).isEqualTo(4);
        assertThat(resume.logFrame(STDOUT, T + 5, 8)).isEqualTo(8);
        assertThat(resume.logFrame(STDERR, T + 6, 2)).isZero();
    }

    @Test
    void a_reconnect_starts_from_a_recent_second_not_from_the_beginning() {
        resume.startLog();
        for (long second = 0; second < 100; second++) {
            resume.logFrame(STDOUT, T + second, 1000);
            resume.delivered(STDOUT, 1000);
        }
        assertThat(resume.startLog()).isEqualTo(T + 97);
        // From that second on, the log holds stdout from byte 97,000: all of it delivered.
        assertThat(resume.logFrame(STDOUT, T + 97, 1000)).isEqualTo(1000);
        assertThat(resume.logFrame(STDOUT, T + 98, 1000)).isEqualTo(1000);
        assertThat(resume.logFrame(STDOUT, T + 99, 1000)).isEqualTo(1000);
        assertThat(resume.logFrame(STDOUT, T + 100, 1000)).isZero();
    }

    @Test
    void a_stream_that_showed_nothing_lately_has_all_it_showed_before_the_second_resumed_from() {
        resume.startLog();
        resume.logFrame(STDERR, T, 50);
        resume.delivered(STDERR, 50);
        for (long second = 1; second <= 30; second++) {
            resume.logFrame(STDOUT, T + second, 10);
            resume.delivered(STDOUT, 10);
        }
        assertThat(resume.startLog()).isEqualTo(T + 28);
        assertThat(resume.logFrame(STDOUT, T + 28, 10)).isEqualTo(10);
        assertThat(resume.logFrame(STDERR, T + 31, 7)).as("stderr's 50 bytes are all before").isZero();
    }

    @Test
    void a_reconnect_starts_early_enough_for_the_stream_furthest_behind() {
        resume.startLog();
        resume.logFrame(STDOUT, T, 10);
        resume.delivered(STDOUT, 10);
        resume.logFrame(STDERR, T, 10);
        resume.delivered(STDERR, 10);
        resume.logFrame(STDOUT, T + 30, 10);
        resume.delivered(STDOUT, 10);
        // Stderr moved on to T + 29 in this read, stdout to T + 30: both positions at T + 28 are known.
        resume.logFrame(STDERR, T + 29, 10);
        resume.delivered(STDERR, 5);
        long since = resume.startLog();
        assertThat(since).isEqualTo(T + 28);
        assertThat(resume.logFrame(STDERR, T + 29, 10)).isEqualTo(5);
        assertThat(resume.logFrame(STDOUT, T + 30, 10)).isEqualTo(10);
    }

    @Test
    void a_log_that_ends_before_what_was_delivered_is_reported_not_papered_over() {
        // Delivered attached, then a log that holds less: it was rotated, or lost the tail.
        resume.delivered(STDOUT, 100);
        resume.startLog();
        assertThat(resume.logFrame(STDOUT, T, 60)).isEqualTo(60);
        assertThatThrownBy(resume::logEnded).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("60 of the 100 bytes of stdout");
        resume.logFrame(STDOUT, T, 40);
        resume.logEnded();
    }
}
