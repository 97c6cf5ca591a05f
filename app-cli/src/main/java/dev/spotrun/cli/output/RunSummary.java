package dev.spotrun.cli.output;

import dev.spotrun.domain.Instance;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Collects what the summary at the end of a run says: the machine and market used, the attempts, the time in
 * each phase (as the lifecycle's phase events report it) and, when the instance type's price is known, an
 * estimated cost.
 */
public final class RunSummary implements RunListener {

    private record Machine(Instance instance, Instant launched) {
    }

    private final boolean estimateCost;
    private final Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, Duration> machineTime = new LinkedHashMap<>();
    private String runId = "";
    private int maxAttempts = 1;
    private int attempts;
    private Instance lastInstance;
    private RunEvent.RunFinished finished;
    private final long[] copiedIn = new long[3];
    private final long[] copiedOut = new long[3];
    private int artifactWarnings;
    private final List<String> notices = new ArrayList<>();

    /** @param estimateCost whether machines cost money (not on the local cloud) */
    public RunSummary(boolean estimateCost) {
        this.estimateCost = estimateCost;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            runId = e.runId();
            maxAttempts = e.maxAttempts();
        } else if (event instanceof RunEvent.PhaseStarted e) {
            attempts = Math.max(attempts, e.attempt());
        } else if (event instanceof RunEvent.PhaseEnded e) {
            phases.merge(e.phase(), e.took(), Duration::plus);
        } else if (event instanceof RunEvent.InstanceLaunched e) {
            lastInstance = e.instance();
            machines.put(e.instance().id(), new Machine(e.instance(), e.at()));
        } else if (event instanceof RunEvent.InstanceTerminated e) {
            stopClock(e.instanceId(), e.at());
        } else if (event instanceof RunEvent.FilesCopied e && e.done()) {
            long[] tally = RunEvent.FilesCopied.IN.equals(e.direction()) ? copiedIn : copiedOut;
            tally[0]++;
            tally[1] += e.files();
            tally[2] += e.bytes();
        } else if (event instanceof RunEvent.ArtifactWarning) {
            artifactWarnings++;
        } else if (event instanceof RunEvent.InterruptionNoticed e) {
            notices.add("attempt " + e.attempt() + " (" + e.instanceId() + ", " + Durations.format(e.left())
                    + " left)");
        } else if (event instanceof RunEvent.RunFinished e) {
            List.copyOf(machines.keySet()).forEach(id -> stopClock(id, e.at()));
            finished = e;
        }
    }

    /** The summary's lines, without trailing newlines; none when the run never started. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (runId.isEmpty()) {
            return lines;
        }
        lines.add("spotrun: summary of run " + runId);
        lines.add(field("result", result()));
        if (lastInstance != null) {
            lines.add(field("machine", EventText.machine(lastInstance)));
        }
        lines.add(field("attempts", attempts + " of " + maxAttempts));
        if (!notices.isEmpty()) {
            lines.add(field("notices", "interruption notice for " + String.join(", ", notices)
                    + ": stopped (its artifacts copied) before the cloud took the machine back"));
        }
        lines.add(field("time", times()));
        if (copiedIn[0] > 0) {
            lines.add(field("copied in", tally(copiedIn)));
        }
        if (copiedOut[0] > 0 || artifactWarnings > 0) {
            lines.add(field("artifacts", tally(copiedOut) + (artifactWarnings == 0 ? ""
                    : "; " + artifactWarnings + " warning(s), see above")));
        }
        cost().ifPresent(cost -> lines.add(field("cost", cost)));
        return lines;
    }

    private static String tally(long[] t) {
        return t[0] + " cop" + (t[0] == 1 ? "y" : "ies") + ", " + t[1] + " entries, " + Bytes.format(t[2]);
    }

    /**
     * The one line of shard {@code index} in a fan-out's summary: its result, machine, attempts and run id;
     * {@code [3] not started} when its run never began.
     */
    public synchronized String shardLine(int index) {
        String head = "  [" + index + "] ";
        if (runId.isEmpty()) {
            return head + "not started";
        }
        String machine = lastInstance == null ? "no machine" : "machine " + EventText.machine(lastInstance);
        return head + result() + "; " + machine + "; attempts " + attempts + " of " + maxAttempts + "; run " + runId;
    }

    private String result() {
        if (finished == null) {
            return "unknown";
        }
        if (finished.outcome() == Outcome.EXITED) {
            return "exit code " + finished.exitCode();
        }
        return finished.outcome().name().toLowerCase(Locale.ROOT)
                + (finished.detail().isEmpty() ? "" : ": " + EventText.abbreviate(finished.detail()));
    }

    private String times() {
        StringJoiner joiner = new StringJoiner(", ");
        Duration total = Duration.ZERO;
        for (Map.Entry<Phase, Duration> entry : phases.entrySet()) {
            joiner.add(entry.getKey().name().toLowerCase(Locale.ROOT) + " " + Durations.format(entry.getValue()));
            total = total.plus(entry.getValue());
        }
        return phases.isEmpty() ? "none" : joiner + " (total " + Durations.format(total) + ")";
    }

    private Optional<String> cost() {
        if (!estimateCost || machineTime.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> basis = new ArrayList<>();
        for (Map.Entry<String, Duration> entry : machineTime.entrySet()) {
            String type = machines.get(entry.getKey()).instance().instanceType();
            Optional<BigDecimal> hourly = PriceTable.hourly(type);
            if (hourly.isEmpty()) {
                return Optional.of("unknown: the built-in price table has no " + type);
            }
            BigDecimal hours = BigDecimal.valueOf(entry.getValue().toMillis())
                    .divide(BigDecimal.valueOf(3_600_000), MathContext.DECIMAL64);
            sum = sum.add(hourly.get().multiply(hours));
            basis.add(Durations.format(entry.getValue()) + " of " + type + " at $" + hourly.get().toPlainString() + "/h");
        }
        return Optional.of("~$" + sum.setScale(4, RoundingMode.HALF_UP).toPlainString() + " (estimate: "
                + String.join(" + ", basis) + ", the " + PriceTable.BASIS + "; spot usually costs less)");
    }

    private void stopClock(String instanceId, Instant at) {
        Machine machine = machines.get(instanceId);
        if (machine != null && !machineTime.containsKey(instanceId)) {
            machineTime.put(instanceId, Duration.between(machine.launched(), at));
        }
    }

    private static String field(String name, String value) {
        return String.format(Locale.ROOT, "  %-9s %s", name, value);
    }
}
