package dev.spotrun.cli.output;

import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the live display shows: a row per phase reached (with a spinner on the active one and its time), the
 * pull's layers, and the latest message. Rows already printed for good ("committed") are not drawn again.
 */
final class Board {

    enum State { ACTIVE, DONE, FAILED }

    private static final String SPINNER = "|/-\\";

    private static final class Row {
        State state = State.ACTIVE;
        String detail = "";
        Instant start;
        Duration took = Duration.ZERO;
    }

    private final Map<Phase, Row> rows = new EnumMap<>(Phase.class);
    private final Set<Phase> committed = EnumSet.noneOf(Phase.class);
    private final Map<String, PullProgress> layers = new LinkedHashMap<>();
    private String runId = "";
    private String image = "";
    private String message = "";
    private int attempt = 1;
    private int maxAttempts = 1;
    private boolean headerCommitted;
    private boolean containerRunning;

    void apply(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            runId = e.runId();
            image = e.image();
            maxAttempts = e.maxAttempts();
        } else if (event instanceof RunEvent.PhaseStarted e) {
            newAttempt(e.attempt());
            activate(e.phase(), e.at(), e.phase() == Phase.PULL ? image : "");
        } else if (event instanceof RunEvent.PhaseEnded e) {
            end(e.phase(), e.took(), e.completed() ? State.DONE : State.FAILED);
        } else if (event instanceof RunEvent.LaunchRequested e) {
            detail(Phase.LAUNCH, "requesting " + e.option());
        } else if (event instanceof RunEvent.InstanceLaunched e) {
            detail(Phase.LAUNCH, EventText.machine(e.instance()));
        } else if (event instanceof RunEvent.InstanceRunning e) {
            detail(Phase.BOOT, e.instance().address().isEmpty() ? "" : "at " + e.instance().address());
        } else if (event instanceof RunEvent.EngineReady e) {
            detail(Phase.CONNECT, "Docker API " + e.apiVersion());
        } else if (event instanceof RunEvent.PullProgressed e) {
            layers.put(e.progress().layer(), e.progress());
        } else if (event instanceof RunEvent.ImagePulled e) {
            detail(Phase.PULL, e.image());
            layers.clear();
        } else {
            applyLater(event);
        }
    }

    private void applyLater(RunEvent event) {
        if (event instanceof RunEvent.ContainerStarted e) {
            detail(Phase.RUN, "container " + EventText.shortId(e.containerId()) + ", its output follows");
            containerRunning = true;
        } else if (event instanceof RunEvent.ContainerExited e) {
            containerRunning = false;
            detail(Phase.RUN, "exit code " + e.exitCode());
        } else if (event instanceof RunEvent.ContainerStopped e) {
            containerRunning = false;
            Row run = rows.get(Phase.RUN);
            if (run != null) {
                run.state = State.FAILED;
                run.detail = e.graceful() ? "stopped" : "killed";
            }
        } else if (event instanceof RunEvent.InterruptionNoticed e) {
            detail(Phase.RUN, "interruption notice: " + Durations.format(e.left()) + " left, stopping");
            message = EventText.describe(e);
        } else if (event instanceof RunEvent.InstanceTerminated e) {
            detail(Phase.TERMINATE, e.instanceId());
        } else if (event instanceof RunEvent.AttemptFinished e) {
            containerRunning = false;
            message = e.outcome() == Outcome.EXITED ? "" : EventText.describe(e);
        } else if (!(event instanceof RunEvent.RunFinished)) {
            // The summary that follows says how the run finished.
            message = EventText.describe(event);
        }
    }

    /** Drops the message line, once it was printed some other way. */
    void clearMessage() {
        message = "";
    }

    boolean containerRunning() {
        return containerRunning;
    }

    /**
     * Marks everything shown now as printed for good; later frames show only what follows, and the run's row
     * again once the container is done, with its result.
     */
    void commit() {
        headerCommitted = true;
        rows.keySet().stream().filter(phase -> phase != Phase.RUN || !containerRunning).forEach(committed::add);
        message = "";
    }

    /** The frame to draw; nothing before the run has started. */
    List<String> lines(Instant now, int width, int tick) {
        List<String> lines = new ArrayList<>();
        if (runId.isEmpty()) {
            return lines;
        }
        if (!headerCommitted) {
            lines.add("spotrun " + runId + ", attempt " + attempt + " of " + maxAttempts);
        }
        for (Map.Entry<Phase, Row> entry : rows.entrySet()) {
            if (!committed.contains(entry.getKey())) {
                lines.add(row(entry.getKey(), entry.getValue(), now, tick));
                if (entry.getKey() == Phase.PULL) {
                    layers.values().forEach(p -> lines.add("      " + EventText.pull(p)));
                }
            }
        }
        if (!message.isEmpty()) {
            lines.add("  " + message);
        }
        return lines.stream().map(line -> fit(line, width)).toList();
    }

    private String row(Phase phase, Row row, Instant now, int tick) {
        String glyph = switch (row.state) {
            case DONE -> "*";
            case FAILED -> "x";
            case ACTIVE -> phase == Phase.RUN ? ">" : String.valueOf(SPINNER.charAt(tick % SPINNER.length()));
        };
        Duration took = row.state == State.ACTIVE ? Duration.between(row.start, now) : row.took;
        String time = phase == Phase.RUN && row.state == State.ACTIVE ? "" : Durations.format(took);
        return String.format(Locale.ROOT, "  %s %-9s%6s  %s", glyph, phase.name().toLowerCase(Locale.ROOT), time,
                row.detail).stripTrailing();
    }

    private void newAttempt(int number) {
        if (number != attempt) {
            attempt = number;
            rows.clear();
            committed.clear();
            layers.clear();
            headerCommitted = false;
        }
    }

    private void activate(Phase phase, Instant at, String detail) {
        Row row = rows.computeIfAbsent(phase, p -> new Row());
        row.start = at;
        row.state = State.ACTIVE;
        row.detail = detail;
    }

    /** What the row of a phase says, once the phase has started. */
    private void detail(Phase phase, String detail) {
        Row row = rows.get(phase);
        if (row != null) {
            row.detail = detail;
        }
    }

    private void end(Phase phase, Duration took, State state) {
        Row row = rows.get(phase);
        if (row != null) {
            row.state = row.state == State.FAILED ? State.FAILED : state;
            row.took = took;
        }
    }

    private static String fit(String line, int width) {
        return width > 1 && line.length() >= width ? line.substring(0, width - 1) : line;
    }
}
