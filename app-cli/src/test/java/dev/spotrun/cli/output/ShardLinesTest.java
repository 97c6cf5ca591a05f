package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shards writing at once: every line whole, prefixed with its shard, on its own stream, in its shard's order. */
@Timeout(30)
class ShardLinesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ShardLines lines = new ShardLines(new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, false, StandardCharsets.UTF_8));

    @Test
    void linesOfShardsWritingAtOnceNeverMixMidLine() throws Exception {
        int shards = 6;
        int perShard = 2_000;
        CyclicBarrier start = new CyclicBarrier(shards);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int shard = s;
            Thread thread = new Thread(() -> writeInRandomPieces(shard, perShard, start));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        for (LogStream stream : LogStream.values()) {
            String text = (stream == LogStream.STDOUT ? out : err).toString(StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            assertThat(all).hasSize(shards * perShard);
            for (int s = 0; s < shards; s++) {
                String prefix = "[" + s + "] ";
                List<String> mine = all.stream().filter(l -> l.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perShard; i++) {
                    expected.add(prefix + line(s, i, stream));
                }
                assertThat(mine).as("shard %d on %s", s, stream).containsExactlyElementsOf(expected);
            }
        }
    }

    /** Writes the shard's lines of both streams cut at random places, as an engine's chunks are. */
    private void writeInRandomPieces(int shard, int count, CyclicBarrier start) {
        ShardLines.Sink sink = lines.sink(shard);
        Random random = new Random(shard);
        await(start);
        for (int i = 0; i < count; i++) {
            for (LogStream stream : LogStream.values()) {
                byte[] bytes = (line(shard, i, stream) + "\n").getBytes(StandardCharsets.UTF_8);
                int cut = random.nextInt(bytes.length + 1);
                write(sink, stream, bytes, 0, cut);
                write(sink, stream, bytes, cut, bytes.length);
            }
        }
        sink.endLines();
    }

    private static void write(ShardLines.Sink sink, LogStream stream, byte[] bytes, int from, int to) {
        byte[] piece = new byte[to - from];
        System.arraycopy(bytes, from, piece, 0, piece.length);
        sink.write(stream, piece);
    }

    private static String line(int shard, int i, LogStream stream) {
        return "shard " + shard + " " + stream + " line " + i + " " + "x".repeat(i % 50);
    }

    @Test
    void aLastLineWithoutABreakIsWrittenWithItsPrefixWhenTheAttemptEnds() {
        ShardLines.Sink sink = lines.sink(2);
        sink.write(LogStream.STDOUT, bytes("one\ntw"));
        sink.write(LogStream.STDERR, bytes("oops"));
        sink.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[2] one\n");
        sink.write(LogStream.STDOUT, bytes("o"));

        sink.endLines();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[2] one\n[2] two\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("[2] oops\n");
        sink.endLines();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[2] one\n[2] two\n");
    }

    @Test
    void aLineThatGrowsPastTheLimitIsWrittenInPrefixedPieces() {
        ShardLines.Sink sink = lines.sink(0);
        for (int i = 0; i < 11; i++) {
            sink.write(LogStream.STDOUT, bytes("y".repeat(ShardLines.MAX_LINE / 10)));
        }
        sink.write(LogStream.STDOUT, bytes("zz\n"));
        List<String> written = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(written).hasSize(2);
        assertThat(written.get(0)).as("written once the limit is passed")
                .isEqualTo("[0] " + "y".repeat(ShardLines.MAX_LINE / 10 * 11));
        assertThat(written.get(1)).isEqualTo("[0] zz");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
