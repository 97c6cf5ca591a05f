package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.failure.EngineUnreachable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The log follower against a scripted engine that cuts connections wherever it is told. */
class LogFollowerTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Pattern SINCE = Pattern.compile("since=(\\d+)");

    private record Message(LogStream stream, Instant stamp, String text) {
    }

    /**
     * An engine's stored log: answers each request from {@code since}, ending the body after a planned number
     * of bytes. Its attached stream carries the same bytes, in frames of its own size, without stamps.
     */
    private static final class ScriptedEngine implements Transport {
        final List<Message> log = new ArrayList<>();
        final Deque<Integer> cuts = new ArrayDeque<>();
        /** How many messages a follow request serves before ending cleanly, as a follow that stops early. */
        int followServes = Integer.MAX_VALUE;
        final List<String> paths = new ArrayList<>();

        @Override
        public DockerHttpClient.Response execute(DockerHttpClient.Request request, Duration answer, Duration body) {
            paths.add(request.path());
            Matcher since = SINCE.matcher(request.path());
            long from = since.find() ? Long.parseLong(since.group(1)) : 0;
            boolean follow = request.path().contains("follow=1");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int served = 0;
            for (Message m : log) {
                if (m.stamp().getEpochSecond() >= from && (!follow || served++ < followServes)) {
                    bytes.writeBytes(FrameReaderTest.frame(m.stream() == LogStream.STDOUT ? 1 : 2,
                            m.stamp() + " " + m.text()));
                }
            }
            return answer(bytes.toByteArray(), cuts.poll());
        }

        /** The attached output: consecutive messages of one stream in one frame, as the engine's writes come. */
        DockerHttpClient.Response attached(Integer cut) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < log.size(); ) {
                LogStream stream = log.get(i).stream();
                StringBuilder write = new StringBuilder();
                for (; i < log.size() && log.get(i).stream() == stream && write.length() < 300; i++) {
                    write.append(log.get(i).text());
                }
                bytes.writeBytes(FrameReaderTest.frame(stream == LogStream.STDOUT ? 1 : 2, write.toString()));
            }
            return answer(bytes.toByteArray(), cut);
        }

        private static DockerHttpClient.Response answer(byte[] bytes, Integer cut) {
            return new Answer(cut == null ? new ByteArrayInputStream(bytes) : new Cut(bytes, cut));
        }
    }

    private record Answer(InputStream body) implements DockerHttpClient.Response {
        @Override
        public int getStatusCode() {
            return 200;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Map.of();
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
        }
    }

    /** A body that breaks after {@code limit} bytes, as a dropped connection does. */
    private static final class Cut extends ByteArrayInputStream {
        private final int limit;

        Cut(byte[] bytes, int limit) {
            super(bytes);
            this.limit = limit;
        }

        @Override
        public synchronized int read() {
            return pos >= limit ? fail() : super.read();
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (pos >= limit) {
                return fail();
            }
            return super.read(b, off, Math.min(len, limit - pos));
        }

        private static int fail() {
            throw new java.io.UncheckedIOException(new IOException("connection reset"));
        }
    }

    private final ScriptedEngine engine = new ScriptedEngine();
    private final TestClock clock = new TestClock();
    private final Map<LogStream, StringBuilder> expected = new EnumMap<>(LogStream.class);
    private final Map<LogStream, ByteArrayOutputStream> received = new EnumMap<>(LogStream.class);

    @Test
    void output_cut_anywhere_arrives_once_and_in_order_on_each_stream() throws Exception {
        Random random = new Random(42);
        interleavedOutput(3000, 1);
        for (int i = 0; i < 25; i++) {
            engine.cuts.add(1 + random.nextInt(20_000));
        }

        follow(() -> false, null);

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(received(LogStream.STDERR)).isEqualTo(expected.get(LogStream.STDERR).toString());
        assertThat(engine.paths).hasSizeGreaterThan(25);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void an_attached_stream_cut_anywhere_is_finished_from_the_stored_log_once_and_in_order(int seed) throws Exception {
        Random random = new Random(seed);
        // Output over a minute: a read of the log after a cut starts near the cut, not at the beginning.
        interleavedOutput(6000, 10);
        int attachedBytes;
        try (InputStream whole = engine.attached(null).getBody()) {
            attachedBytes = whole.readAllBytes().length;
        }
        for (int i = 0; i < 10; i++) {
            engine.cuts.add(1 + random.nextInt(30_000));
        }

        follow(() -> false, engine.attached(random.nextInt(attachedBytes)));

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(received(LogStream.STDERR)).isEqualTo(expected.get(LogStream.STDERR).toString());
        List<String> reads = engine.paths;
        assertThat(reads).isNotEmpty();
        assertThat(reads.get(0)).as("the first read of the log knows no stamp yet").doesNotContain("since=");
        assertThat(reads.subList(1, reads.size())).as("later reads start from a recent second")
                .allSatisfy(path -> assertThat(path).containsPattern("since=\\d+"));
    }

    @Test
    void an_attached_stream_that_ends_after_the_exit_is_all_of_the_output() throws Exception {
        interleavedOutput(500, 1);

        follow(() -> false, engine.attached(null));

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(received(LogStream.STDERR)).isEqualTo(expected.get(LogStream.STDERR).toString());
        assertThat(engine.paths).as("no read of the stored log").isEmpty();
    }

    @Test
    void an_attached_stream_that_ends_while_the_container_runs_is_finished_from_the_stored_log() throws Exception {
        interleavedOutput(500, 1);
        AtomicInteger looks = new AtomicInteger();
        // The attach ends cleanly half-way, as a proxy that closes would; the container still runs then.
        DockerHttpClient.Response half = halfAttached();

        follow(() -> looks.getAndIncrement() == 0, half);

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(received(LogStream.STDERR)).isEqualTo(expected.get(LogStream.STDERR).toString());
        assertThat(engine.paths).isNotEmpty();
    }

    @Test
    void a_follow_that_ends_early_is_completed_by_a_final_read() throws Exception {
        for (int i = 0; i < 100; i++) {
            add(LogStream.STDOUT, START.plusMillis(i), "line " + i + "\n");
        }
        engine.followServes = 60;

        follow(() -> false, null);

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(engine.paths).hasSize(2);
        assertThat(engine.paths.get(1)).contains("follow=0").contains("since=");
    }

    @Test
    void an_engine_that_stays_away_is_unreachable_after_the_window() {
        add(LogStream.STDOUT, START, "only\n");
        for (int i = 0; i < 1000; i++) {
            engine.cuts.add(0);
        }
        LogFollower follower = new LogFollower(engine, "c1", new EngineFailures("192.0.2.1"), () -> true,
                Duration.ofSeconds(60), clock, clock, null);
        Instant started = clock.instant();
        assertThatThrownBy(() -> run(follower)).isInstanceOf(EngineUnreachable.class).hasMessageContaining("192.0.2.1");
        assertThat(Duration.between(started, clock.instant())).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(63));
    }

    /** {@code count} stdout lines {@code spreadSeconds} apart in all, now and then two with the same stamp,
     * and stderr lines stamped half a second before the stdout lines stored ahead of them. */
    private void interleavedOutput(int count, int spreadSeconds) {
        for (int i = 0; i < count; i++) {
            Instant stamp = START.plusMillis(i * spreadSeconds);
            add(LogStream.STDOUT, stamp, "out " + i + "\n");
            if (i % 7 == 0) {
                add(LogStream.STDOUT, stamp, "same stamp " + i + "\n");
            }
            if (i % 10 == 0) {
                add(LogStream.STDERR, stamp.minusMillis(500), "err " + i + "\n");
            }
        }
    }

    private DockerHttpClient.Response halfAttached() throws IOException {
        byte[] whole;
        try (InputStream body = engine.attached(null).getBody()) {
            whole = body.readAllBytes();
        }
        // Up to a frame boundary about half-way: a clean end, not a cut inside a frame.
        int end = 0;
        while (end < whole.length / 2) {
            int size = ((whole[end + 4] & 0xff) << 24) | ((whole[end + 5] & 0xff) << 16) | ((whole[end + 6] & 0xff) << 8)
                    | (whole[end + 7] & 0xff);
            end += 8 + size;
        }
        return new Answer(new ByteArrayInputStream(whole, 0, end));
    }

    private void add(LogStream stream, Instant stamp, String text) {
        engine.log.add(new Message(stream, stamp, text));
        expected.computeIfAbsent(stream, s -> new StringBuilder()).append(text);
    }

    private void follow(BooleanSupplier running, DockerHttpClient.Response attached) throws Exception {
        run(new LogFollower(engine, "c1", new EngineFailures("192.0.2.1"), running, Duration.ofSeconds(5), clock, clock,
                attached));
    }

    private void run(LogFollower follower) throws InterruptedException {
        CompletableFuture<Void> reader = CompletableFuture.runAsync(follower::read);
        follower.deliver((stream, chunk) -> received.computeIfAbsent(stream, s -> new ByteArrayOutputStream()).writeBytes(chunk));
        reader.join();
    }

    private String received(LogStream stream) {
        ByteArrayOutputStream bytes = received.get(stream);
        return bytes == null ? "" : bytes.toString(StandardCharsets.UTF_8);
    }
}
