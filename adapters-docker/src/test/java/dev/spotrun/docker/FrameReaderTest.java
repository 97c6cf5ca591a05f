package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    static final String STAMP = "2030-01-01T00:00:01.000000001Z";
    private static final long STAMP_SECOND = OffsetDateTime.parse(STAMP).toEpochSecond();

    private final List<String> seen = new ArrayList<>();

    @Test
    void reads_frames_with_their_stream_and_stamp() throws IOException {
        byte[] stream = concat(frame(1, STAMP + " out\n"), frame(2, STAMP + " err\n"), frame(0, "stdin"));
        new FrameReader(new ByteArrayInputStream(stream), true).readAll(recording(0));
        assertThat(seen).containsExactly("frame STDOUT " + STAMP_SECOND + " 4", "STDOUT out\n",
                "frame STDERR " + STAMP_SECOND + " 4", "STDERR err\n");
    }

    @Test
    void reads_attached_frames_without_stamps() throws IOException {
        byte[] stream = concat(frame(1, "out\n"), frame(2, "err\n"), frame(1, "no newline"));
        new FrameReader(new ByteArrayInputStream(stream), false).readAll(recording(0));
        assertThat(seen).containsExactly("frame STDOUT -1 4", "STDOUT out\n", "frame STDERR -1 4", "STDERR err\n",
                "frame STDOUT -1 10", "STDOUT no newline");
    }

    @Test
    void skips_what_the_reader_asks_also_across_refills_of_its_buffer() throws IOException {
        String big = "x".repeat(FrameReader.BUFFER * 2 + 10);
        // One byte per read, as a slow network would hand it out, and then all of it at once.
        for (InputStream in : List.of(trickle(frame(1, STAMP + " " + big)),
                new ByteArrayInputStream(frame(1, STAMP + " " + big)))) {
            long[] delivered = {0};
            new FrameReader(in, true).readAll(new FrameReader.Frames() {
                @Override
                public long begin(LogStream stream, long second, long length) {
                    assertThat(length).isEqualTo(big.length());
                    return 5;
                }

                @Override
                public void bytes(LogStream stream, byte[] buffer, int offset, int length) {
                    delivered[0] += length;
                }

                @Override
                public void idle() {
                }
            });
            assertThat(delivered[0]).isEqualTo(big.length() - 5);
        }
    }

    @Test
    void says_when_it_is_about_to_wait_so_that_what_it_read_goes_out() throws IOException {
        List<String> events = new ArrayList<>();
        new FrameReader(trickle(concat(frame(1, "ab"), frame(1, "c"))), false).readAll(new FrameReader.Frames() {
            @Override
            public long begin(LogStream stream, long second, long length) {
                return 0;
            }

            @Override
            public void bytes(LogStream stream, byte[] buffer, int offset, int length) {
                events.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void idle() {
                events.add("idle");
            }
        });
        // Each byte arrives on its own read: every byte handed out is followed by an idle before the next read.
        assertThat(String.join(",", events)).contains("a,idle,b,idle").endsWith("c,idle");
    }

    @Test
    void a_stream_that_ends_inside_a_frame_is_a_broken_connection() {
        byte[] whole = frame(1, STAMP + " a line\n");
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)), true)
                .readAll(recording(0))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(Arrays.copyOf(whole, 5)), true)
                .readAll(recording(0))).isInstanceOf(EOFException.class);
    }

    @Test
    void a_frame_without_a_stamp_is_refused() {
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame(1, "no stamp here\n")), true)
                .readAll(recording(0))).isInstanceOf(IOException.class).hasMessageContaining("time stamp");
    }

    @Test
    void an_error_the_engine_reports_in_band_fails_the_read() {
        byte[] stream = concat(frame(1, STAMP + " out\n"), frame(3, "Error grabbing logs: log file gone\n"));
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(stream), true).readAll(recording(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Error grabbing logs: log file gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-01-01T00:00:01.000000001Z", "1970-01-01T00:00:00.000000000Z",
            "2024-02-29T23:59:59.999999999Z", "2031-12-31T12:34:56Z", "2030-06-01T02:00:00.5+02:00"})
    void a_stamps_second_is_the_one_a_date_parser_gives(String stamp) throws IOException {
        byte[] text = stamp.getBytes(StandardCharsets.US_ASCII);
        assertThat(FrameReader.second(text, 0, text.length)).isEqualTo(OffsetDateTime.parse(stamp).toEpochSecond());
    }

    @Test
    void a_stamp_of_no_real_day_is_refused() {
        byte[] text = "2030-02-30T00:00:00.000000000Z".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FrameReader.second(text, 0, text.length)).isInstanceOf(IOException.class);
    }

    private FrameReader.Frames recording(long skip) {
        return new FrameReader.Frames() {
            @Override
            public long begin(LogStream stream, long second, long length) {
                seen.add("frame " + stream + " " + second + " " + length);
                return skip;
            }

            @Override
            public void bytes(LogStream stream, byte[] buffer, int offset, int length) {
                seen.add(stream + " " + new String(buffer, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void idle() {
            }
        };
    }

    /** A stream that hands out one byte per read and has nothing buffered between reads. */
    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
    }

    static byte[] frame(int stream, String payload) {
        return frame(stream, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(int stream, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0});
        out.writeBytes(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8),
                (byte) body.length});
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
