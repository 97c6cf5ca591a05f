package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerOutputTest {

    /** Both streams into one log, as a CI runner that merges them, counting the writes that reach it. */
    private final ByteArrayOutputStream merged = new ByteArrayOutputStream();
    private final List<String> writes = new ArrayList<>();
    private final PrintStream out = new PrintStream(recording("out"), true);
    private final PrintStream err = new PrintStream(recording("err"), true);
    private final ContainerOutput output = new ContainerOutput(out, err);

    @Test
    void chunks_waiting_together_go_out_in_one_write_when_nothing_more_waits() {
        for (int i = 0; i < 100; i++) {
            output.write(LogStream.STDOUT, bytes("line " + i + "\n"));
        }
        assertThat(writes).as("nothing written while more is on its way").isEmpty();
        output.flush();
        assertThat(writes).containsExactly("out");
        assertThat(text()).startsWith("line 0\nline 1\n").endsWith("line 99\n");
    }

    @Test
    void stdout_and_stderr_keep_their_order_where_they_meet() {
        output.write(LogStream.STDOUT, bytes("one\n"));
        output.write(LogStream.STDERR, bytes("two\n"));
        output.write(LogStream.STDOUT, bytes("three\n"));
        output.flush();
        assertThat(text()).isEqualTo("one\ntwo\nthree\n");
        assertThat(writes).containsExactly("out", "err", "out");
    }

    @Test
    void big_chunks_pass_through_byte_for_byte() {
        byte[] big = new byte[ContainerOutput.BUFFER * 3 + 5];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        output.write(LogStream.STDOUT, bytes("head"));
        output.write(LogStream.STDOUT, big);
        output.write(LogStream.STDOUT, bytes("tail"));
        output.flush();
        byte[] all = merged.toByteArray();
        assertThat(all).hasSize(big.length + 8);
        assertThat(new String(all, 0, 4, StandardCharsets.UTF_8)).isEqualTo("head");
        for (int i = 0; i < big.length; i++) {
            assertThat(all[4 + i]).isEqualTo(big[i]);
        }
        assertThat(new String(all, all.length - 4, 4, StandardCharsets.UTF_8)).isEqualTo("tail");
    }

    @Test
    void spotrun_asking_where_a_line_ends_gets_the_pending_output_written_first() {
        output.write(LogStream.STDERR, bytes("no newline"));
        assertThat(output.atLineStart()).isFalse();
        assertThat(text()).isEqualTo("no newline");
        output.write(LogStream.STDERR, bytes(" now\n"));
        assertThat(output.atLineStart()).isTrue();
        assertThat(text()).isEqualTo("no newline now\n");
    }

    private OutputStream recording(String name) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(name);
                merged.write(b, off, len);
            }
        };
    }

    private String text() {
        return merged.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
