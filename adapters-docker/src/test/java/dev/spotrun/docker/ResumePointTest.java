package dev.spotrun.docker;

import static dev.spotrun.domain.LogStream.STDERR;
import static dev.spotrun.domain.LogStream.STDOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResumePointTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:10.000000500Z");
    private final ResumePoint resume = new ResumePoint();

    @Test
    void a_fresh_stream_starts_from_the_beginning_and_delivers_everything() {
        assertThat(resume.sinceSecond()).isZero();
        assertThat(resume.frameStarts(STDOUT, T)).isZero();
        assertThat(resume.frameStarts(STDOUT, T.plusNanos(1))).isZero();
    }

    @Test
    void a_reconnect_skips_what_was_delivered_and_finishes_a_cut_frame() {
        resume.frameStarts(STDOUT, T);
        resume.delivered(STDOUT, 10);
        resume.frameStarts(STDOUT, T.plusNanos(5));
        resume.delivered(STDOUT, 3);

        resume.newStream();
        assertThat(resume.sinceSecond()).isEqualTo(T.getEpochSecond() - 2);
        assertThat(resume.frameStarts(STDOUT, T.minusSeconds(1))).isEqualTo(ResumePoint.ALL);
        assertThat(resume.frameStarts(STDOUT, T)).isEqualTo(ResumePoint.ALL);
        assertThat(resume.frameStarts(STDOUT, T.plusNanos(5))).isEqualTo(3);
        resume.delivered(STDOUT, 4);
        assertThat(resume.frameStarts(STDOUT, T.plusNanos(6))).isZero();
    }

    @Test
    void frames_with_the_same_stamp_are_told_apart_by_count() {
        resume.frameStarts(STDOUT, T);
        resume.delivered(STDOUT, 5);
        resume.frameStarts(STDOUT, T);
        resume.delivered(STDOUT, 2);

        resume.newStream();
        assertThat(resume.frameStarts(STDOUT, T)).isEqualTo(ResumePoint.ALL);
        assertThat(resume.frameStarts(STDOUT, T)).isEqualTo(2);
        resume.delivered(STDOUT, 6);
        assertThat(resume.frameStarts(STDOUT, T)).isZero();
    }

    @Test
    void each_stream_keeps_its_own_place_even_when_stamps_interleave_out_of_order() {
        resume.frameStarts(STDOUT, T.plusMillis(5));
        resume.delivered(STDOUT, 8);
        // Stored after the stdout line, but stamped before it: it is new all the same.
        assertThat(resume.frameStarts(STDERR, T.plusMillis(4))).isZero();
        resume.delivered(STDERR, 4);

        resume.newStream();
        assertThat(resume.frameStarts(STDOUT, T.plusMillis(5))).isEqualTo(8);
        assertThat(resume.frameStarts(STDERR, T.plusMillis(4))).isEqualTo(4);
        assertThat(resume.frameStarts(STDERR, T.plusMillis(4).plusNanos(1))).isZero();
    }

    @Test
    void a_reconnect_starts_early_enough_for_the_stream_furthest_behind() {
        resume.frameStarts(STDOUT, T.plusSeconds(30));
        resume.frameStarts(STDERR, T);
        assertThat(resume.sinceSecond()).isEqualTo(T.getEpochSecond() - 2);
    }
}
