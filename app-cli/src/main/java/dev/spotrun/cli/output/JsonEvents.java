package dev.spotrun.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spotrun.cli.config.UsageError;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Every event as one JSON object per line, in the schema of {@link EventSchema}, flushed as it happens so that
 * other tools can follow the file.
 */
public final class JsonEvents implements RunListener, AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON = MAPPER.writer();

    private final String name;
    private final Writer writer;
    private IOException failure;

    JsonEvents(String name, Writer writer) {
        this.name = name;
        this.writer = writer;
    }

    /**
     * Creates (or truncates) the file.
     *
     * @throws UsageError when it cannot be written, before anything is provisioned
     */
    public static JsonEvents open(String file) {
        try {
            BufferedWriter writer = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
            return new JsonEvents(file, writer);
        } catch (IOException | RuntimeException e) {
            throw unwritable(file, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Refuses a path that {@link #open} could not write, without creating or changing anything: what a dry run
     * checks.
     *
     * @throws UsageError when the file could not be written
     */
    public static void checkWritable(String file) {
        Path path;
        try {
            path = Path.of(file).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw unwritable(file, e.getMessage(), e);
        }
        if (Files.isDirectory(path)) {
            throw unwritable(file, "it is a directory", null);
        }
        if (Files.exists(path)) {
            if (!Files.isWritable(path)) {
                throw unwritable(file, "it is not writable", null);
            }
            return;
        }
        Path directory = path.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw unwritable(file, "the directory " + directory + " does not exist", null);
        }
        if (!Files.isWritable(directory)) {
            throw unwritable(file, "the directory " + directory + " is not writable", null);
        }
    }

    private static UsageError unwritable(String file, String why, Exception cause) {
        return new UsageError("cannot write the events file " + file + " (" + why + "); give --events a writable"
                + " path", cause);
    }

    @Override
    public void on(RunEvent event) {
        write(line(event));
    }

    /** The events of shard {@code index} of a fan-out: each line carries {@code "shard": index} after "at". */
    public RunListener forShard(int index) {
        return event -> write(line(event, index));
    }

    private synchronized void write(String line) {
        if (failure != null) {
            return;
        }
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The event as its line of the events file, without the line break. */
    static String line(RunEvent event) {
        try {
            return JSON.writeValueAsString(EventSchema.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the events schema cannot write " + event, e);
        }
    }

    /**
     * The event of shard {@code index} as its line: as {@link #line(RunEvent)}, with {@code shard} right after
     * {@code at}, so that every line of a fan-out says which shard it is about.
     */
    static String line(RunEvent event, int index) {
        ObjectNode plain = MAPPER.valueToTree(EventSchema.of(event));
        ObjectNode sharded = MAPPER.createObjectNode();
        plain.fields().forEachRemaining(field -> {
            sharded.set(field.getKey(), field.getValue());
            if (field.getKey().equals("at")) {
                sharded.put("shard", index);
            }
        });
        try {
            return JSON.writeValueAsString(sharded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the events schema cannot write " + event, e);
        }
    }

    /** Why writing stopped, for a warning at the end, or null when every event was written. */
    public synchronized String problem() {
        return failure == null ? null : "writing the events file " + name + " failed: " + failure.getMessage();
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
