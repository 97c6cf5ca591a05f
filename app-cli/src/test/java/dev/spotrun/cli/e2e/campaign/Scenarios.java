package dev.spotrun.cli.e2e.campaign;

import dev.spotrun.cli.e2e.campaign.Run.ScenarioFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The campaign's scenarios: signals and SIGKILL at every step, a harsh cloud, broken engine connections. */
final class Scenarios {

    private static final int SIGINT = 130;
    private static final int SIGTERM = 143;
    private static final int SIGHUP = 129;
    private static final int FAILED = 125;

    /** A step of the lifecycle, and how the campaign knows the run is at it. */
    private record Step(String name, List<String> faults, Function<Lane, List<String>> args, String event) {
    }

    private Scenarios() {
    }

    /** Every scenario, in the order of the table. */
    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (Step step : steps()) {
            all.add(new Scenario("SIGINT at " + step.name(), step.faults(), step.args(), run -> {
                run.await(step.event());
                run.signal("INT");
            }, SIGINT));
            all.add(new Scenario("SIGTERM, SIGINT, SIGHUP, SIGINT at " + step.name(), step.faults(), step.args(),
                    run -> {
                        run.await(step.event());
                        run.signal("TERM", "INT", "HUP", "INT");
                    }, SIGTERM));
            all.add(new Scenario("SIGKILL at " + step.name(), step.faults(), step.args(), run -> {
                run.await(step.event());
                run.kill();
            }, Campaign.KILLED));
        }
        all.addAll(stopping());
        all.addAll(cloudFaults());
        all.addAll(engineFaults());
        all.addAll(interruptions());
        all.add(new Scenario("SIGHUP (a closed terminal) while running", List.of(),
                lane -> job(lane, Lane.BUSYBOX, "echo started; sleep 300"), run -> {
                    run.await("ContainerStarted");
                    run.signal("HUP");
                }, SIGHUP));
        all.add(rebootedHost());
        all.add(cloudKilled());
        return all;
    }

    private static List<Step> steps() {
        return List.of(
                new Step("the start, before any launch", List.of("delay:GetParameter:3s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo never"), "RunStarted"),
                new Step("RunInstances held", List.of("delay:RunInstances:4s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo never"), "LaunchRequested"),
                new Step("boot", List.of("slow-boot:6s"), lane -> job(lane, Lane.BUSYBOX, "echo never"),
                        "InstanceLaunched"),
                new Step("engine ready", List.of("delay:GetAuthorizationToken:4s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo never"), "EngineReady"),
                new Step("pull", List.of(), lane -> job(lane, Lane.BIG, "echo never"), "PullProgressed"),
                new Step("run", List.of(), lane -> job(lane, Lane.BUSYBOX, "echo started; sleep 300"),
                        "ContainerStarted"),
                new Step("TerminateInstances held", List.of("delay:TerminateInstances:4s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo done"), "ContainerExited"),
                new Step("release (DependencyViolation, held)",
                        List.of("dependency-violation:2", "delay:DeleteSecurityGroup:2s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo done"), "InstanceTerminated"));
    }

    /** The container's stop: started by a timeout or the first signal; later signals must cut it short. */
    private static List<Scenario> stopping() {
        String ignoresTerm = "trap '' TERM; echo started; sleep 300";
        Function<Lane, List<String>> slowStop = lane -> job(lane, Lane.BUSYBOX, List.of("--stop-timeout", "60s"),
                ignoresTerm);
        Function<Lane, List<String>> timesOut = lane -> job(lane, Lane.BUSYBOX, List.of("--stop-timeout", "60s",
                "--timeout", "3s"), ignoresTerm);
        return List.of(
                new Scenario("SIGINT while a timed-out container stops", List.of(), timesOut, run -> {
                    run.await("ContainerStarted");
                    Thread.sleep(4500);
                    run.signal("INT");
                }, SIGINT, Scenarios::stoppedAtOnce),
                new Scenario("SIGINT, then TERM, HUP, INT while it stops", List.of(), slowStop, run -> {
                    run.await("ContainerStarted");
                    run.signal("INT");
                    Thread.sleep(1500);
                    run.signal("TERM", "HUP", "INT");
                }, SIGINT, Scenarios::stoppedAtOnce),
                new Scenario("SIGINT, then SIGKILL while it stops", List.of(), slowStop, run -> {
                    run.await("ContainerStarted");
                    run.signal("INT");
                    Thread.sleep(1500);
                    run.kill();
                }, Campaign.KILLED));
    }

    private static String stoppedAtOnce(Run run) {
        return run.seconds() < 45 ? "" : "the stop was not cut short: the run took " + (int) run.seconds() + " s";
    }

    private static List<Scenario> cloudFaults() {
        return List.of(
                ok("RunInstances done, its answer dropped", List.of("drop-answer:RunInstances:1")),
                ok("RunInstances done, answered 500", List.of("error-after:RunInstances:1")),
                // The machine boots while the answer is late: its abandon window must outlast the SDK's 30 s.
                new Scenario("RunInstances done, answered 35 s late", List.of("late-answer:RunInstances:35s:1"),
                        lane -> job(lane, Lane.BUSYBOX, List.of("--abandon-after", "3m"), "echo ok"), run -> { }, 0,
                        run -> output(run, "ok\n") + oneMachine(run)),
                ok("TerminateInstances failing 16 times", List.of("fail:TerminateInstances:InternalError:16:500")),
                ok("every second EC2 call throttled", List.of("throttle-every:2")),
                new Scenario("NotFound for 10 s after launch, early SIGINT", List.of("not-found-after-launch:10s"),
                        lane -> job(lane, Lane.BUSYBOX, "echo never"), run -> {
                            run.await("InstanceLaunched");
                            run.signal("INT");
                        }, SIGINT));
    }

    /** A job that must come through with its output and code, and on one machine only. */
    private static Scenario ok(String name, List<String> faults) {
        return new Scenario(name, faults, lane -> job(lane, Lane.BUSYBOX, "echo ok"), run -> { }, 0,
                run -> output(run, "ok\n") + oneMachine(run));
    }

    private static List<Scenario> engineFaults() {
        String lines = "i=0; while [ $i -lt 400 ]; do echo line $i; i=$((i+1)); sleep 0.015; done";
        String expected = IntStream.range(0, 400).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        return List.of(
                new Scenario("engine connection cut during the pull", List.of(),
                        lane -> job(lane, Lane.BIG, "echo ok"), run -> {
                            run.await("PullProgressed");
                            run.lane().instance(run.instance(1), "cut-engine");
                        }, 0, run -> output(run, "ok\n")),
                new Scenario("engine connection cut during the output", List.of(),
                        lane -> job(lane, Lane.BUSYBOX, lines), run -> {
                            run.await("ContainerStarted");
                            Thread.sleep(1500);
                            run.lane().instance(run.instance(1), "cut-engine");
                        }, 0, run -> output(run, expected)),
                new Scenario("engine connection cut during the wait for the exit", List.of(),
                        lane -> job(lane, Lane.BUSYBOX, "sleep 6; echo done; exit 3"), run -> {
                            run.await("ContainerStarted");
                            Thread.sleep(2000);
                            run.lane().instance(run.instance(1), "cut-engine");
                        }, 3, run -> output(run, "done\n")),
                new Scenario("engine connection cut during the stop", List.of(),
                        lane -> job(lane, Lane.BUSYBOX, List.of("--stop-timeout", "30s"), "echo started; sleep 300"),
                        run -> {
                            run.await("ContainerStarted");
                            run.signal("INT");
                            Thread.sleep(1000);
                            run.lane().instance(run.instance(1), "cut-engine");
                        }, SIGINT),
                new Scenario("engine connection black-holed while waiting", List.of(),
                        lane -> job(lane, Lane.BUSYBOX, "echo started; sleep 300"), run -> {
                            run.await("ContainerStarted");
                            Thread.sleep(1000);
                            run.lane().instance(run.instance(1), "blackhole-engine");
                        }, FAILED, run -> run.seconds() < 150 ? ""
                        : "a black-holed engine took " + (int) run.seconds() + " s to notice"));
    }

    private static List<Scenario> interruptions() {
        return List.of(
                interrupted("boot", List.of("slow-boot:4s"), Lane.BUSYBOX, "echo ok", "InstanceLaunched"),
                interrupted("connect", List.of(), Lane.BUSYBOX, "echo ok", "InstanceRunning"),
                interrupted("pull", List.of(), Lane.BIG, "echo ok", "PullProgressed"),
                interrupted("run", List.of(), Lane.BUSYBOX, "sleep 4; echo ok", "ContainerStarted"));
    }

    private static Scenario interrupted(String phase, List<String> faults, String image, String script, String at) {
        return new Scenario("spot interruption during " + phase + ", retried", faults,
                lane -> job(lane, image, List.of("--retries", "2"), script), run -> {
                    run.await(at);
                    run.lane().instance(run.instance(1), "interrupt");
                }, 0, run -> output(run, "ok\n") + (run.events().launched().size() == 2 ? ""
                : " launched " + run.events().launched() + ", not two machines"));
    }

    /** SIGKILL, then a reboot of the machine: its time-to-live still ends it, the abandon window being longer. */
    private static Scenario rebootedHost() {
        return new Scenario("SIGKILL, host rebooted: the time-to-live still fires", List.of(),
                lane -> job(lane, Lane.BUSYBOX, List.of("--ttl", "100s", "--boot-timeout", "30s", "--pull-timeout",
                        "30s", "--timeout", "40s", "--abandon-after", "30m"), "echo started; sleep 300"), run -> {
                    run.await("ContainerStarted");
                    String instance = run.instance(1);
                    run.kill();
                    run.lane().instance(instance, "reboot");
                    long deadline = System.nanoTime() + Duration.ofSeconds(170).toNanos();
                    String state = run.lane().stateOf(instance);
                    while (!state.startsWith("terminated") && System.nanoTime() < deadline) {
                        Thread.sleep(1000);
                        state = run.lane().stateOf(instance);
                    }
                    if (!state.equals("terminated Client.InstanceInitiatedShutdown")) {
                        throw new ScenarioFailed("the rebooted machine is " + state + ", not terminated by itself");
                    }
                }, Campaign.KILLED);
    }

    private static Scenario cloudKilled() {
        return new Scenario("local cloud killed while the job runs", List.of(),
                lane -> job(lane, Lane.BUSYBOX, "sleep 8; echo ok"), run -> {
                    run.await("ContainerStarted");
                    run.instance(1);
                    run.lane().kill();
                }, FAILED, run -> run.stderr().contains(run.events().launched().get(0)) ? ""
                : "the failure does not name the machine left: " + run.stderr());
    }

    private static String output(Run run, String expected) {
        return run.stdout().equals(expected) ? "" : "stdout is not what the job wrote: "
                + run.stdout().length() + " bytes, " + run.stdout().lines().count() + " lines";
    }

    private static String oneMachine(Run run) {
        return run.events().launched().size() == 1 ? "" : " launched " + run.events().launched();
    }

    private static List<String> job(Lane lane, String image, String script) {
        return job(lane, image, List.of(), script);
    }

    /** A run with a short abandon window and a short stop, of {@code sh -c SCRIPT} in the lane's copy of an image. */
    private static List<String> job(Lane lane, String image, List<String> options, String script) {
        List<String> args = new ArrayList<>(options);
        if (!options.contains("--abandon-after")) {
            args.addAll(List.of("--abandon-after", Campaign.ABANDON.toSeconds() + "s"));
        }
        if (!options.contains("--stop-timeout")) {
            args.addAll(List.of("--stop-timeout", "3s"));
        }
        args.addAll(List.of("-t", "t3.small"));
        args.addAll(List.of(lane.image(image), "sh", "-c", script));
        return args;
    }
}
