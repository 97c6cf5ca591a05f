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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The log follower against a scripted engine that cuts connections wherever it is told. */
class LogFollowerTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Pattern SINCE = Pattern.compile("since=(\\d+)");

    private record Message(LogStream stream, Instant stamp, String text) {
    }

    /** An engine's log: answers each request from {@code since}, ending the body after a planned number of bytes. */
    private static final class ScriptedEngine implements DockerHttpClient {
        final List<Message> log = new ArrayList<>();
        final Deque<Integer> cuts = new ArrayDeque<>();
        /** How many messages a follow request serves before ending cleanly, as a follow that stops early. */
        int followServes = Integer.MAX_VALUE;
        final List<String> paths = new ArrayList<>();

        @Override
        public Response execute(Request request) {
            paths.add(request.path());
            Matcher since = SINCE.matcher(request.path());
            long from = since.find() ? Long.parseLong(since.group(1)) : 0;
            boolean follow = request.path().contains("follow=1");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int served = 0;
            for (Message m : log) {
                if (m.stamp().getEpochSecond() >= from && (!follow || served++ < followServes)) {
                    body.writeBytes(LogFramesTest.frame(m.stream() == LogStream.STDOUT ? 1 : 2,
                            m.stamp() + " " + m.text()));
                }
            }
            byte[] bytes = body.toByteArray();
            Integer cut = cuts.poll();
            return new Answer(cut == null ? new ByteArrayInputStream(bytes) : new Cut(bytes, cut));
        }

        @Override
        public void close() {
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
    private final Map<LogStream, StringBuilder> expected = new EnumMap<>(LogStream.class);
    private final Map<LogStream, ByteArrayOutputStream> received = new EnumMap<>(LogStream.class);

    @Test
    void output_cut_anywhere_arrives_once_and_in_order_on_each_stream() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            // Stdout every millisecond, now and then two lines with the same stamp; stderr in order of its own
            // but stamped half a second before the stdout lines stored ahead of it.
            Instant stamp = START.plusMillis(i);
            add(LogStream.STDOUT, stamp, "out " + i + "\n");
            if (i % 7 == 0) {
                add(LogStream.STDOUT, stamp, "same stamp " + i + "\n");
            }
            if (i % 10 == 0) {
                add(LogStream.STDERR, stamp.minusMillis(500), "err " + i + "\n");
            }
        }
        for (int i = 0; i < 25; i++) {
            engine.cuts.add(1 + random.nextInt(20_000));
        }

        follow(() -> false);

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(received(LogStream.STDERR)).isEqualTo(expected.get(LogStream.STDERR).toString());
        assertThat(engine.paths).hasSizeGreaterThan(25);
    }

    @Test
    void a_follow_that_ends_early_is_completed_by_a_final_read() throws Exception {
        for (int i = 0; i < 100; i++) {
            add(LogStream.STDOUT, START.plusMillis(i), "line " + i + "\n");
        }
        engine.followServes = 60;

        follow(() -> false);

        assertThat(received(LogStream.STDOUT)).isEqualTo(expected.get(LogStream.STDOUT).toString());
        assertThat(engine.paths).hasSize(2);
        assertThat(engine.paths.get(1)).contains("follow=0").contains("since=");
    }

    @Test
    void an_engine_that_stays_away_is_unreachable_after_the_window() {
        add(LogStream.STDOUT, START, "only\n");
        for (int i = 0; i < 100; i++) {
            engine.cuts.add(0);
        }
        LogFollower follower = new LogFollower(engine, "c1", new EngineFailures("192.0.2.1"), () -> true,
                Duration.ofMillis(300));
        assertThatThrownBy(() -> run(follower)).isInstanceOf(EngineUnreachable.class).hasMessageContaining("192.0.2.1");
    }

    private void add(LogStream stream, Instant stamp, String text) {
        engine.log.add(new Message(stream, stamp, text));
        expected.computeIfAbsent(stream, s -> new StringBuilder()).append(text);
    }

    private void follow(java.util.function.BooleanSupplier running) throws Exception {
        run(new LogFollower(engine, "c1", new EngineFailures("192.0.2.1"), running, Duration.ofSeconds(5)));
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
