package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.event.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event, present and future, has words, a JSON line and a place in the displays. */
class EventRenderingTest {

    private final List<RunEvent> events = SampleEvents.all();

    @Test
    void theSamplesCoverEveryPermittedEvent() {
        assertThat(events).hasSize(RunEvent.class.getPermittedSubclasses().length).hasSizeGreaterThan(15);
    }

    @Test
    void everyEventHasOneLineOfWords() {
        for (RunEvent event : events) {
            assertThat(EventText.describe(event)).as(event.getClass().getSimpleName()).isNotBlank();
        }
        assertThat(EventText.describe(SampleEvents.sample(RunEvent.InstanceLaunched.class)))
                .isEqualTo("attempt 2: launched i-0123456789abcdef0 (t3.small spot in us-east-1a)");
    }

    @Test
    void everyEventIsOneValidJsonObjectOnOneLine() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (RunEvent event : events) {
            String json = JsonEvents.line(event);
            assertThat(json).as(event.getClass().getSimpleName()).doesNotContain("\n");
            JsonNode node = mapper.readTree(json);
            assertThat(node.get("schema").asInt()).isEqualTo(EventSchema.VERSION);
            assertThat(node.get("type").asText()).isEqualTo(event.getClass().getSimpleName());
            assertThat(node.get("at").asText()).isEqualTo("2030-01-01T00:00:00Z");
            assertThat(node.size()).isEqualTo(event.getClass().getRecordComponents().length + 2);
        }
    }

    @Test
    void jsonNamesDurationsInMillisecondsAndNestsRecords() {
        assertThat(JsonEvents.line(new RunEvent.InstanceRunning(SampleEvents.AT, 1, SampleEvents.INSTANCE,
                java.time.Duration.ofSeconds(21)))).isEqualTo("{\"schema\":1,\"type\":\"InstanceRunning\","
                + "\"at\":\"2030-01-01T00:00:00Z\",\"attempt\":1,\"instance\":{\"id\":\"i-0123456789abcdef0\","
                + "\"instanceType\":\"t3.small\",\"market\":\"spot\",\"zone\":\"us-east-1a\","
                + "\"address\":\"203.0.113.7\"},\"bootTimeMs\":21000}");
        assertThat(JsonEvents.line(new RunEvent.RunFinished(SampleEvents.AT, "sr-1", Outcome.CANCELLED, -1, "a\tb\u0001")))
                .endsWith("\"outcome\":\"cancelled\",\"exitCode\":-1,\"detail\":\"a\\tb\\u0001\"}");
    }

    @Test
    void plainProgressWritesATimestampedLinePerEventAndALinePerLayerStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainProgress plain = new PlainProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        events.forEach(plain::on);
        plain.on(SampleEvents.sample(RunEvent.PullProgressed.class));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).startsWith("2030-01-01T00:00:00Z spotrun: "));
        assertThat(text).contains("pull a1b2c3d4e5f6: Downloading 1.5 MB / 3.0 MB");
        assertThat(text.lines().filter(l -> l.contains("Downloading"))).as("repeated statuses are skipped")
                .hasSize(1);
    }

    @Test
    void theBoardAndTheSummaryAcceptEveryEvent() {
        Board board = new Board();
        RunSummary summary = new RunSummary(true);
        for (RunEvent event : events) {
            board.apply(event);
            summary.on(event);
        }
        assertThat(board.lines(SampleEvents.AT, 80, 0)).isNotEmpty();
        assertThat(summary.lines()).isNotEmpty();
    }
}
