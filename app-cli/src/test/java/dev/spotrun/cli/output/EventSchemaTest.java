package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.event.RunEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events file is a public interface: this fixes the JSON of every event type, member by member, so that a
 * rename in the domain, or in the schema, is a visible change of this test's file rather than a silent change
 * of what other tools read. A new event type must be added to the file (and to the README).
 */
class EventSchemaTest {

    @Test
    void everyEventIsWrittenExactlyAsTheSchemaSays() throws IOException {
        List<String> written = SampleEvents.all().stream().map(JsonEvents::line).toList();
        assertThat(written).containsExactlyElementsOf(expected());
    }

    @Test
    void everyEventTypeIsInTheSchema() throws IOException {
        assertThat(expected()).hasSize(RunEvent.class.getPermittedSubclasses().length);
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("events-schema-v1.jsonl")) {
            assertThat(in).as("events-schema-v1.jsonl").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
