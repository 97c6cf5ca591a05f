package dev.spotrun.cli.e2e.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@code spotrun run} under test: the built CLI in a process group of its own, against a lane's cloud. */
final class Run {

    static final Duration STEP = Duration.ofMinutes(2);

    private final Lane lane;
    private final Process process;
    private final Events events;
    private final Path out;
    private final Path err;
    private final long startedNanos = System.nanoTime();
    private boolean killed;

    private Run(Lane lane, Process process, Events events, Path out, Path err) {
        this.lane = lane;
        this.process = process;
        this.events = events;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code spotrun run --events FILE ARGS} in a directory of the scenario's own. */
    static Run start(Lane lane, Path dir, List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<String> all = new ArrayList<>(List.of("run", "--progress", "plain", "--events",
                dir.resolve("events.jsonl").toString()));
        all.addAll(args);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = Processes.spotrun(dir, lane.env(), out, err, all);
        return new Run(lane, process, new Events(dir.resolve("events.jsonl")), out, err);
    }

    Lane lane() {
        return lane;
    }

    Events events() {
        return events;
    }

    /** Waits until the run reached the step an event of {@code type} marks; fails the scenario when it never does. */
    void await(String type) throws InterruptedException {
        if (!events.await(type, process, STEP)) {
            throw new ScenarioFailed("the run never reached " + type + "; it emitted " + events.types()
                    + "; stderr: " + stderr());
        }
    }

    /**
     * Sends signals to the run's process group, one after the other, a moment apart; the later ones only once the
     * run has seen the first (its CancelRequested event). HotSpot takes the signals pending at one moment in the
     * order of their numbers (HUP 1, INT 2, TERM 15), not of their arrival: on a loaded machine a TERM and a HUP
     * sent 300 ms apart can reach the handler HUP first, and the exit code follows the first one handled.
     */
    void signal(String... signals) throws InterruptedException {
        for (int i = 0; i < signals.length; i++) {
            if (i == 1 && !events.await("CancelRequested", process, STEP) && process.isAlive()) {
                throw new ScenarioFailed("the run never acknowledged " + signals[0] + "; it emitted "
                        + events.types() + "; stderr: " + stderr());
            }
            if (i > 0) {
                Thread.sleep(150);
            }
            try {
                Processes.signalGroup(process, signals[i]);
            } catch (IllegalStateException e) {
                // A run that finished its clean-up before a later signal leaves no group to signal: the signals
                // it got did their work (its exit code and what it left are checked as for any run).
                if (i > 0 && process.waitFor(1, TimeUnit.SECONDS)) {
                    return;
                }
                throw e;
            }
        }
    }

    /** Kills the run's process group with SIGKILL: no clean-up of its own can run. */
    void kill() throws InterruptedException {
        killed = true;
        Processes.signalGroup(process, "KILL");
        process.waitFor();
    }

    boolean killed() {
        return killed;
    }

    /** The machine of an attempt; waits for its launch. */
    String instance(int attempt) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (events.instanceOfAttempt(attempt).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new ScenarioFailed("attempt " + attempt + " launched no machine: " + events.types());
            }
            Thread.sleep(10);
        }
        return events.instanceOfAttempt(attempt);
    }

    /** Waits for the run to end by itself; -1 when it had to be killed after {@code limit}. */
    int await(Duration limit) throws InterruptedException {
        return Processes.await(process, limit);
    }

    double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code spotrun gc} through the lane's variables, as cron would run it after a killed spotrun. */
    String gc(Path dir) throws InterruptedException {
        Path gcOut = dir.resolve("gc.out");
        Path gcErr = dir.resolve("gc.err");
        Process gc = Processes.spotrun(dir, lane.env(), gcOut, gcErr, List.of("gc"));
        int code = Processes.await(gc, Duration.ofMinutes(2));
        return "exit " + code + ": " + read(gcOut).strip() + " / " + read(gcErr).strip();
    }

    Map<String, String> env() {
        return lane.env();
    }

    /** A scenario did not go as it must. */
    static final class ScenarioFailed extends RuntimeException {
        ScenarioFailed(String message) {
            super(message);
        }
    }
}
