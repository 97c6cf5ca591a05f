package dev.spotrun.cli.e2e.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A run's {@code --events} file, read as it grows: which steps the run reached, its id, its machines. */
final class Events {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"(\\w+)\"");
    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"(sr-[0-9a-f]+)\"");
    private static final Pattern LAUNCHED = Pattern.compile(
            "\"type\":\"InstanceLaunched\".*?\"attempt\":(\\d+).*?\"id\":\"(i-[0-9a-f]+)\"");

    private final Path file;

    Events(Path file) {
        this.file = file;
    }

    List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException notYet) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event types so far, in order. */
    List<String> types() {
        List<String> types = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = TYPE.matcher(line);
            if (m.find()) {
                types.add(m.group(1));
            }
        }
        return types;
    }

    boolean has(String type) {
        return types().contains(type);
    }

    /** Waits until an event of {@code type} was written, or the process ended; false when it never came. */
    boolean await(String type, Process process, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!has(type)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return has(type);
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** When the last event so far was written; what the run made in the cloud it made before that. */
    Optional<Instant> lastAt() {
        List<String> all = lines();
        for (int i = all.size() - 1; i >= 0; i--) {
            Matcher m = AT.matcher(all.get(i));
            if (m.find()) {
                return Optional.of(Instant.parse(m.group(1)));
            }
        }
        return Optional.empty();
    }

    /** The run's id, once it started. */
    String runId() {
        for (String line : lines()) {
            Matcher m = RUN_ID.matcher(line);
            if (line.contains("\"RunStarted\"") && m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    /** The machines the run was told it launched, in order. */
    List<String> launched() {
        List<String> ids = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = LAUNCHED.matcher(line);
            if (m.find()) {
                ids.add(m.group(2));
            }
        }
        return ids;
    }

    /** The machine of an attempt, or "" when it launched none (yet). */
    String instanceOfAttempt(int attempt) {
        for (String line : lines()) {
            Matcher m = LAUNCHED.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) == attempt) {
                return m.group(2);
            }
        }
        return "";
    }
}
