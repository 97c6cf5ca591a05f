package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.LogStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFramesTest {

    static final String STAMP = "2030-01-01T00:00:01.000000001Z";

    private final List<String> seen = new ArrayList<>();

    @Test
    void reads_frames_with_their_stream_and_stamp() throws IOException {
        byte[] stream = concat(frame(1, STAMP + " out\n"), frame(2, STAMP + " err\n"), frame(0, "stdin"));
        LogFrames frames = new LogFrames(new ByteArrayInputStream(stream));
        while (frames.next(recording(0))) {
            // Each frame was recorded.
        }
        assertThat(seen).containsExactly("frame STDOUT " + STAMP, "STDOUT out\n", "frame STDERR " + STAMP, "STDERR err\n");
    }

    @Test
    void skips_what_the_reader_asks_and_cuts_big_frames_into_pieces() throws IOException {
        String big = "x".repeat(LogFrames.PIECE + 10);
        LogFrames frames = new LogFrames(new ByteArrayInputStream(frame(1, STAMP + " " + big)));
        List<Integer> pieces = new ArrayList<>();
        frames.next(new LogFrames.Reader() {
            @Override
            public long frame(LogStream stream, Instant stamp) {
                return 5;
            }

            @Override
            public void piece(LogStream stream, byte[] piece) {
                pieces.add(piece.length);
            }
        });
        assertThat(pieces).containsExactly(LogFrames.PIECE, 5);
    }

    @Test
    void a_stream_that_ends_inside_a_frame_is_a_broken_connection() {
        byte[] whole = frame(1, STAMP + " a line\n");
        LogFrames frames = new LogFrames(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)));
        assertThatThrownBy(() -> frames.next(recording(0))).isInstanceOf(EOFException.class);
        LogFrames header = new LogFrames(new ByteArrayInputStream(Arrays.copyOf(whole, 5)));
        assertThatThrownBy(() -> header.next(recording(0))).isInstanceOf(EOFException.class);
    }

    @Test
    void a_frame_without_a_stamp_is_refused() {
        LogFrames frames = new LogFrames(new ByteArrayInputStream(frame(1, "no stamp here\n")));
        assertThatThrownBy(() -> frames.next(recording(0))).isInstanceOf(IOException.class).hasMessageContaining("time stamp");
    }

    private LogFrames.Reader recording(long skip) {
        return new LogFrames.Reader() {
            @Override
            public long frame(LogStream stream, Instant stamp) {
                seen.add("frame " + stream + " " + stamp);
                return skip;
            }

            @Override
            public void piece(LogStream stream, byte[] piece) {
                seen.add(stream + " " + new String(piece, StandardCharsets.UTF_8));
            }
        };
    }

    static byte[] frame(int stream, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
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
