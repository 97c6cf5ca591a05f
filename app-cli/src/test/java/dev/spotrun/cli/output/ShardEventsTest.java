package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fan-out's events are the schema's lines with one member added: {@code "shard"} right after {@code "at"}.
 * A one-shard run writes the lines of {@code events-schema-v1.jsonl} unchanged, without the member.
 */
class ShardEventsTest {

    @Test
    void everyEventOfAShardIsTheSchemasLineWithItsIndexAfterAt() throws IOException {
        List<String> written = SampleEvents.all().stream().map(e -> JsonEvents.line(e, 7)).toList();
        List<String> expected = golden().stream().map(l -> l.replaceFirst("(\"at\":\"[^\"]*\")", "$1,\"shard\":7"))
                .toList();
        assertThat(expected).allSatisfy(l -> assertThat(l).contains(",\"shard\":7,"));
        assertThat(written).containsExactlyElementsOf(expected);
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = ShardEventsTest.class.getResourceAsStream("events-schema-v1.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
