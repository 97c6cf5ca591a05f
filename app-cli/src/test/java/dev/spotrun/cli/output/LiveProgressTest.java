package dev.spotrun.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.LogStream;
import dev.spotrun.domain.Outcome;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.event.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveProgressTest {

    private static final Instant T0 = SampleEvents.AT;

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** One phase ends and the next begins, as the lifecycle reports it. */
    private static void next(Board board, int attempt, Phase ended, Phase started, int from, int to) {
        board.apply(new RunEvent.PhaseEnded(at(to), attempt, ended, Duration.ofSeconds(to - from), true));
        board.apply(new RunEvent.PhaseStarted(at(to), attempt, started));
    }

    @Test
    void theBoardShowsARowPerPhaseReachedWithTheActiveOnesTimeAndThePullsLayers() {
        Board board = new Board();
        board.apply(new RunEvent.RunStarted(at(0), "sr-1", "docker.io/library/busybox:latest", 3));
        board.apply(new RunEvent.PhaseStarted(at(0), 1, Phase.LAUNCH));
        board.apply(new RunEvent.LaunchRequested(at(0), 1, SampleEvents.OPTION));
        board.apply(new RunEvent.InstanceLaunched(at(1), 1, SampleEvents.INSTANCE, SampleEvents.OPTION));
        next(board, 1, Phase.LAUNCH, Phase.BOOT, 0, 1);
        board.apply(new RunEvent.InstanceRunning(at(21), 1, SampleEvents.INSTANCE, Duration.ofSeconds(20)));
        next(board, 1, Phase.BOOT, Phase.CONNECT, 1, 21);
        board.apply(new RunEvent.EngineReady(at(22), 1, "1.41", Duration.ofSeconds(1), 3));
        next(board, 1, Phase.CONNECT, Phase.PULL, 21, 22);
        board.apply(new RunEvent.PullProgressed(at(23), 1, new PullProgress("layer1", "Downloading", 500, 1000)));
        board.apply(new RunEvent.PullProgressed(at(23), 1, new PullProgress("layer2", "Waiting", -1, -1)));
        assertThat(board.lines(at(25), 200, 1)).containsExactly(
                "spotrun sr-1, attempt 1 of 3",
                "  * launch       1s  i-0123456789abcdef0 (t3.small spot in us-east-1a)",
                "  * boot        20s  at 203.0.113.7",
                "  * connect      1s  Docker API 1.41",
                "  / pull         3s  docker.io/library/busybox:latest",
                "      layer1: Downloading 500 B / 1.0 kB",
                "      layer2: Waiting");
        assertThat(board.lines(at(25), 20, 1)).allSatisfy(line -> assertThat(line.length()).isLessThan(20));
    }

    @Test
    void aRejectedOptionAndAFailureShowInTheMessageLine() {
        Board board = new Board();
        assertThat(board.lines(at(0), 200, 0)).as("nothing before the run starts").isEmpty();
        board.apply(new RunEvent.RunStarted(at(0), "sr-1", "busybox", 1));
        board.apply(new RunEvent.PhaseStarted(at(0), 1, Phase.LAUNCH));
        board.apply(new RunEvent.LaunchRequested(at(0), 1, SampleEvents.OPTION));
        board.apply(new RunEvent.LaunchRejected(at(1), 1, SampleEvents.OPTION, "InsufficientInstanceCapacity"));
        assertThat(board.lines(at(2), 200, 0)).last().asString().contains("no capacity for t3.small spot");
        board.apply(new RunEvent.PhaseEnded(at(3), 1, Phase.LAUNCH, Duration.ofSeconds(3), false));
        board.apply(new RunEvent.AttemptFinished(at(3), 1, Outcome.FAILED, "no capacity anywhere"));
        assertThat(board.lines(at(4), 200, 0)).anySatisfy(line -> assertThat(line).startsWith("  x launch"))
                .last().asString().contains("no capacity anywhere");
    }

    @Test
    void redrawsInPlaceThenStepsAsideWhileTheContainerRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ContainerOutput output = new ContainerOutput(new PrintStream(new ByteArrayOutputStream()), err);
        Clock clock = Clock.fixed(at(30), ZoneOffset.UTC);
        try (LiveProgress live = new LiveProgress(err, clock, 100, output)) {
            live.on(new RunEvent.RunStarted(at(0), "sr-1", "busybox", 1));
            live.on(new RunEvent.PhaseStarted(at(0), 1, Phase.LAUNCH));
            live.on(new RunEvent.LaunchRequested(at(0), 1, SampleEvents.OPTION));
            live.on(new RunEvent.InstanceLaunched(at(1), 1, SampleEvents.INSTANCE, SampleEvents.OPTION));
            live.on(new RunEvent.PhaseEnded(at(1), 1, Phase.LAUNCH, Duration.ofSeconds(1), true));
            live.on(new RunEvent.PhaseStarted(at(1), 1, Phase.BOOT));
            assertThat(bytes.toString(StandardCharsets.UTF_8)).as("the second frame moves up over the first")
                    .contains("\033[2A\r\033[J");
            live.on(new RunEvent.ImagePulled(at(5), 1, "busybox", Duration.ofSeconds(2)));
            live.on(new RunEvent.PhaseEnded(at(5), 1, Phase.BOOT, Duration.ofSeconds(4), true));
            live.on(new RunEvent.PhaseStarted(at(5), 1, Phase.RUN));
            live.on(new RunEvent.ContainerStarted(at(6), 1, "0123456789abcdef"));
            int before = bytes.size();
            output.write(LogStream.STDERR, "partial".getBytes(StandardCharsets.UTF_8));
            live.on(new RunEvent.CancelRequested(at(7), true));
            String during = bytes.toString(StandardCharsets.UTF_8).substring(before);
            assertThat(during).as("no redraw while the container runs, messages start on a fresh line")
                    .isEqualTo("partial\nspotrun: cancelling: stopping the container (a second Ctrl-C kills it at"
                            + " once), then terminating the instance\n");
            live.on(new RunEvent.PhaseEnded(at(8), 1, Phase.RUN, Duration.ofSeconds(3), false));
            live.on(new RunEvent.PhaseStarted(at(8), 1, Phase.TERMINATE));
            live.on(new RunEvent.ContainerStopped(at(8), 1, "0123456789abcdef", true));
            String after = bytes.toString(StandardCharsets.UTF_8).substring(before + during.length());
            assertThat(after).as("nothing moves up over the container's output").doesNotContainPattern("\033\\[\\d+A")
                    .contains("x run").contains("| terminate").doesNotContain("launch").doesNotContain("cancelling");
        }
    }
}
