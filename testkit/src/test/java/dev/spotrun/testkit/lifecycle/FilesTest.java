package dev.spotrun.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.failure.Cancelled;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.failure.SpotInterrupted;
import dev.spotrun.domain.failure.TimedOut;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.testkit.CallHold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies go in after the container is created and before it starts; artifacts come out once it ended, however
 * it ended (any exit code, a timeout, a cancel, an interruption), and before its machine is terminated.
 */
@Timeout(20)
class FilesTest {

    private static final byte[] REPORT = "<testsuite failures=\"1\"/>".getBytes(StandardCharsets.UTF_8);

    private final Lifecycle lifecycle = new Lifecycle();
    @TempDir
    Path temp;

    @AfterEach
    void nothingIsLeftRunning() {
        assertThat(lifecycle.cloud.compute().liveInstances()).isEmpty();
        assertThat(lifecycle.cloud.engines().runningContainers()).isEmpty();
    }

    private RunSpec withReport(String script) {
        lifecycle.cloud.engines().imageFile(Lifecycle.IMAGE, "/out/reports/junit.xml", REPORT);
        return Lifecycle.spec(script).withArtifacts(List.of(new Artifact("/out/reports", temp.resolve("got"))));
    }

    private List<Class<?>> kinds() {
        return lifecycle.events.events().stream().<Class<?>>map(Object::getClass).toList();
    }

    private RunEvent.FilesCopied last(String direction) {
        return lifecycle.events.events(RunEvent.FilesCopied.class).stream()
                .filter(e -> e.direction().equals(direction) && e.done()).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void copiesGoInAfterTheCreateAndBeforeTheStart() throws IOException {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        Files.writeString(ws.resolve("build.sh"), "make test\n");
        Files.writeString(ws.resolve("noise.log"), "x");
        Files.writeString(ws.resolve(".dockerignore"), "*.log\n");

        RunResult result = lifecycle.run(Lifecycle.spec("echo hi").withCopies(List.of(new CopyIn(ws, "/work"))));

        String id = lifecycle.events.events(RunEvent.ContainerStarted.class).get(0).containerId();
        assertThat(result.exitCode()).isZero();
        assertThat(lifecycle.cloud.engines().file(id, "/work/build.sh")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("make test\n"));
        assertThat(lifecycle.cloud.engines().file(id, "/work/noise.log")).isEmpty();
        assertThat(kinds()).containsSubsequence(RunEvent.ImagePulled.class, RunEvent.FilesCopied.class,
                RunEvent.ContainerStarted.class);
        assertThat(last(RunEvent.FilesCopied.IN)).satisfies(e -> {
            assertThat(e.files()).isEqualTo(3);
            assertThat(e.bytes()).isEqualTo(10 + 6);
            assertThat(e.to()).isEqualTo("/work");
        });
    }

    @Test
    void aCopyThatCannotGoInFailsTheRunBeforeTheContainerStarts() throws IOException {
        Path file = Files.writeString(temp.resolve("in.txt"), "x");

        assertThatThrownBy(() -> lifecycle.run(Lifecycle.spec("echo hi")
                .withCopies(List.of(new CopyIn(file, "/no/such/dir/in.txt")))))
                .isInstanceOf(EngineRejected.class).hasMessageContaining("/no/such/dir");

        assertThat(lifecycle.events.events(RunEvent.ContainerStarted.class)).isEmpty();
        assertThat(lifecycle.cloud.compute().terminateCalls()).containsAll(lifecycle.cloud.compute().launchedIds());
    }

    @Test
    void artifactsComeOutWhateverTheExitCodeAndTheExitCodeStays() {
        RunResult result = lifecycle.run(withReport("echo failing; exit 3"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
        assertThat(kinds()).containsSubsequence(RunEvent.ContainerExited.class, RunEvent.FilesCopied.class,
                RunEvent.InstanceTerminated.class);
        assertThat(last(RunEvent.FilesCopied.OUT).bytes()).isEqualTo(REPORT.length);
    }

    @Test
    void artifactsComeOutAfterATimeout() {
        RunSpec spec = withReport("sleep 3600");
        spec = spec.withTimeouts(spec.timeouts().withRun(Duration.ofSeconds(10)));
        RunSpec timedOut = spec;

        assertThatThrownBy(() -> lifecycle.run(timedOut)).isInstanceOf(TimedOut.class);

        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
        assertThat(kinds()).containsSubsequence(RunEvent.ContainerStopped.class, RunEvent.FilesCopied.class,
                RunEvent.InstanceTerminated.class);
    }

    @Test
    void artifactsComeOutAfterACancelBeforeTheMachineIsTerminated() {
        RunListener cancelOnStart = event -> {
            lifecycle.events.on(event);
            if (event instanceof RunEvent.ContainerStarted) {
                Thread canceller = new Thread(() -> lifecycle.cancellation.cancel(true));
                canceller.start();
                try {
                    canceller.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        assertThatThrownBy(() -> lifecycle.cloud.remoteRun().run(RemoteRun.newRunId(), withReport("sleep infinity"),
                lifecycle.logs, cancelOnStart, lifecycle.cancellation)).isInstanceOf(Cancelled.class);

        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
        assertThat(kinds()).containsSubsequence(RunEvent.CancelRequested.class, RunEvent.ContainerStopped.class,
                RunEvent.FilesCopied.class, RunEvent.InstanceTerminated.class);
    }

    @Test
    void aStartWhoseAnswerIsLostIsStoppedAndItsArtifactsStillComeOut() {
        CallHold starting = lifecycle.cloud.engines().hold("start");
        RunSpec spec = withReport("sleep infinity");
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> lifecycle.cloud.remoteRun().run(
                RemoteRun.newRunId(), spec, lifecycle.logs, lifecycle.events, lifecycle.cancellation));
        awaitArrival(starting);
        lifecycle.cancellation.cancel(true); // the container started; the interrupted caller loses the answer
        starting.release();

        assertThatThrownBy(run::join).hasCauseInstanceOf(Cancelled.class);
        assertThat(lifecycle.events.events(RunEvent.ContainerStarted.class)).isEmpty();
        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
        assertThat(kinds()).containsSubsequence(RunEvent.ContainerStopped.class, RunEvent.FilesCopied.class,
                RunEvent.InstanceTerminated.class);
    }

    private static void awaitArrival(CallHold call) {
        try {
            call.awaitArrival(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInterruptedMachineIsNotAskedForItsArtifactsAndTheRetryBringsThem() {
        lifecycle.cloud.compute().interruptAt(Phase.RUN);
        RunSpec spec = withReport("exit 0").withRetry(RetryPolicy.defaults());

        RunResult result = lifecycle.run(spec);

        assertThat(result.attempts()).hasSize(2);
        assertThat(lifecycle.events.events(RunEvent.ArtifactWarning.class)).singleElement().satisfies(w -> {
            assertThat(w.attempt()).isEqualTo(1);
            assertThat(w.reason()).isEqualTo("not copied: the cloud took the machine back");
        });
        assertThat(temp.resolve("got/reports/junit.xml")).hasBinaryContent(REPORT);
    }

    @Test
    void anInterruptionWithoutRetriesStillEndsAsTheInterruption() {
        lifecycle.cloud.compute().interruptAt(Phase.RUN);

        assertThatThrownBy(() -> lifecycle.run(withReport("exit 0"))).isInstanceOf(SpotInterrupted.class);
        assertThat(lifecycle.cloud.compute().terminateCalls()).containsAll(lifecycle.cloud.compute().launchedIds());
    }

    @Test
    void aMissingArtifactIsAWarningNotAFailure() {
        RunResult result = lifecycle.run(Lifecycle.spec("exit 0")
                .withArtifacts(List.of(new Artifact("/no/such/path", temp.resolve("got")))));

        assertThat(result.exitCode()).isZero();
        assertThat(lifecycle.events.events(RunEvent.ArtifactWarning.class)).singleElement().satisfies(w -> {
            assertThat(w.containerPath()).isEqualTo("/no/such/path");
            assertThat(w.entry()).isEmpty();
            assertThat(w.reason()).contains("no such file or directory");
        });
    }

    @Test
    void aLocalFileIsKeptUnlessOverwriteIsAsked() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("got/reports")).resolve("junit.xml");
        Files.writeString(mine, "mine");

        lifecycle.run(withReport("exit 0"));
        assertThat(mine).hasContent("mine");
        assertThat(lifecycle.events.events(RunEvent.ArtifactWarning.class)).singleElement()
                .satisfies(w -> assertThat(w.entry()).isEqualTo("reports/junit.xml"));

        lifecycle.run(withReport("exit 0").withOverwriteArtifacts(true));
        assertThat(mine).hasBinaryContent(REPORT);
    }
}
