package dev.spotrun.cli.e2e.campaign;

import dev.spotrun.cli.e2e.campaign.Lane.Leftovers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs scenarios on a lane and checks, after each, what the issue asks: the exit code, that no machine of the run
 * is pending or running and no security group of the run exists (once the next run released what ended runs left
 * while their terminated machines still held it; after a SIGKILL: once the machine's dead-man switch fired and
 * {@code spotrun gc} ran, as cron would), that no container of the run's machines is left on the local engine,
 * and that spotrun warned about a machine left exactly when one was.
 */
final class Campaign {

    /** Exit "code" of a run the campaign killed with SIGKILL. */
    static final int KILLED = -9;
    /** The abandon window the scenarios give their machines, so that a killed run's machine goes soon. */
    static final Duration ABANDON = Duration.ofSeconds(15);
    /** The label the local cloud puts on each machine's container: the instance id. */
    static final String INSTANCE_LABEL = "dev.spotrun.testkit.local-cloud.instance";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    /** One line of the table. */
    record Row(String lane, String scenario, String expected, String actual, double seconds, int machines,
               int groups, int containers, String problem) {

        boolean passed() {
            return problem.isEmpty();
        }

        String line() {
            return String.format(Locale.ROOT, "%-4s %-52s %8s %8s %6.1f %3d %3d %3d  %s", lane, scenario, expected,
                    actual, seconds, machines, groups, containers, passed() ? "ok" : "FAILED: " + problem);
        }
    }

    static String header() {
        return String.format(Locale.ROOT, "%-4s %-52s %8s %8s %6s %3s %3s %3s  %s", "lane", "scenario", "expected",
                "exit", "secs", "mch", "grp", "ctr", "verdict");
    }

    private Campaign() {
    }

    static Row execute(Lane lane, Scenario scenario, Path dir) {
        List<String> problems = new ArrayList<>();
        Run run = null;
        String runId = "";
        int exit = Integer.MIN_VALUE;
        try {
            lane.clearFaults();
            lane.faults(scenario.faults());
            run = Run.start(lane, dir, scenario.args().apply(lane));
            try {
                scenario.play().play(run);
            } catch (Run.ScenarioFailed e) {
                problems.add(e.getMessage());
            }
            runId = run.events().runId();
            exit = run.killed() ? KILLED : run.await(Duration.ofMinutes(4));
            if (!lane.alive()) {
                lane.start();
            } else {
                lane.clearFaults();
            }
            if (run.killed()) {
                awaitMachinesGone(lane, runId, ABANDON.plus(Duration.ofMinutes(2)));
                // gc takes a killed run's group once it is older than the run's abandon window, not before; the
                // group was made before the run's last event (on a loaded machine, seconds after its start).
                java.time.Instant made = run.events().lastAt().orElseGet(java.time.Instant::now);
                long waitMillis = Duration.between(java.time.Instant.now(), made.plus(ABANDON).plusSeconds(3))
                        .toMillis();
                if (waitMillis > 0) {
                    Thread.sleep(waitMillis);
                }
                String gc = run.gc(dir);
                if (!gc.startsWith("exit 0")) {
                    problems.add("gc failed: " + gc);
                }
            }
        } catch (Exception e) {
            problems.add("the scenario broke: " + e);
        }
        return verdict(lane, scenario, run, runId, exit, problems);
    }

    private static Row verdict(Lane lane, Scenario scenario, Run run, String runId, int exit, List<String> problems) {
        if (exit != scenario.exitCode()) {
            problems.add("exit " + exit + ", not " + scenario.exitCode() + (run == null ? "" : "; stderr: "
                    + tail(run.stderr())));
        }
        Leftovers left = settle(lane, runId);
        List<String> launched = run == null ? List.of() : run.events().launched();
        int containers = containersLeft(launched);
        if (!left.machines().isEmpty()) {
            problems.add("machines left: " + left.machines());
        }
        if (!left.groups().isEmpty()) {
            problems.add("groups left: " + left.groups());
        }
        if (containers > 0) {
            problems.add(containers + " container(s) of " + launched + " left on the local engine");
        }
        if (run != null && !run.killed()) {
            String extra = scenario.check().apply(run);
            if (!extra.isEmpty()) {
                problems.add(extra);
            }
            boolean warned = run.stderr().contains("could not be terminated");
            boolean shouldWarn = scenario.exitCode() == 125 && scenario.name().contains("local cloud killed");
            if (warned != shouldWarn) {
                problems.add(warned ? "warned of a machine left though none was" : "no warning of the machine left");
            }
        }
        return new Row(lane.name(), scenario.name(), code(scenario.exitCode()), code(exit),
                run == null ? 0 : run.seconds(), left.machines().size(), left.groups().size(), containers,
                String.join("; ", problems));
    }

    private static String code(int exit) {
        return exit == KILLED ? "killed" : exit == Integer.MIN_VALUE ? "-" : Integer.toString(exit);
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 4), lines.length));
    }

    /** Waits until no machine of the run is pending or running (after a SIGKILL: its dead-man switch fires). */
    private static void awaitMachinesGone(Lane lane, String runId, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!lane.leftovers(runId).machines().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    /**
     * What the run left, once the cloud had a moment to finish what it was asked (deleting a fake host is not
     * instant) and the next run released what ended runs left: a group that only {@code gc} would take, after the
     * run's abandon window, is left over.
     */
    private static Leftovers settle(Lane lane, String runId) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Leftovers left = lane.leftovers(runId);
        while ((!left.machines().isEmpty() || !left.groups().isEmpty()) && System.nanoTime() < deadline) {
            sleep(500);
            if (!left.groups().isEmpty()) {
                lane.releaseEnded();
            }
            left = lane.leftovers(runId);
        }
        return left;
    }

    private static int containersLeft(List<String> instances) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int left = count(instances);
        while (left > 0 && System.nanoTime() < deadline) {
            sleep(500);
            left = count(instances);
        }
        return left;
    }

    private static int count(List<String> instances) {
        int n = 0;
        for (String id : instances) {
            n += (int) Processes.run("docker", "ps", "-aq", "--filter", "label=" + INSTANCE_LABEL + "=" + id).lines()
                    .filter(line -> !line.isBlank()).count();
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
