package dev.spotrun.aws;

import dev.spotrun.cli.wiring.AwsTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Instance;
import dev.spotrun.domain.LaunchOption;
import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.Timeouts;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.event.RunListener;
import dev.spotrun.domain.failure.RegistryUnauthorized;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.run.Cancellation;
import dev.spotrun.domain.run.RemoteRun;
import dev.spotrun.docker.DockerEngines;
import com.github.dockerjava.api.model.Container;
import dev.spotrun.localcloud.FakeEc2Host;
import dev.spotrun.testkit.RecordingListener;
import dev.spotrun.testkit.RecordingLogSink;
import dev.spotrun.testkit.localcloud.NextRun;
import dev.spotrun.localcloud.InstanceBackend;
import dev.spotrun.localcloud.LocalCloud;
import dev.spotrun.localcloud.LocalInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.spotrun.localcloud.LocalEngine;

/**
 * The whole of spotrun's AWS side on the local cloud: Ec2Compute launches fake EC2 hosts that boot from the
 * real boot script, EcrRegistry takes the local registry's token from GetAuthorizationToken, and DockerEngine
 * runs the container over mutual TLS.
 */
class LocalCloudLifecycleIT {

    private static final Duration BOOT = Duration.ofMinutes(2);
    private static final Duration PULL = Duration.ofMinutes(2);

    private static LocalCloud cloud;
    private static AwsAdapters aws;
    private static ContainerEnginePort engines;
    private static ImageRef image;
    private static String session;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().backend(InstanceBackend.fakeEc2Hosts()).withRegistry().start();
        aws = AwsTarget.local(cloud).adapters().build();
        engines = DockerEngines.create();
        image = cloud.pushImage("spotrun/busybox:latest", "jobs/busybox");
        session = cloud.sessionLabel();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        // Only this session's: other local clouds (other test JVMs, other users of the engine) may run meanwhile.
        assertThat(containersLabelled(LocalCloud.REGISTRY_LABEL)).filteredOn(c -> session != null && session.equals(c.getLabels()
                .get(LocalCloud.SESSION_LABEL))).as("the local cloud's registry").isEmpty();
    }

    private static List<Container> containersLabelled(String label) {
        return LocalEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(label)).exec();
    }

    private static RunSpec job(String script) {
        return RunSpec.of(ContainerSpec.of(image.canonical(), "sh", "-c", script), MachineSpec.spot("m5.large"))
                .withTimeouts(Timeouts.defaults().withBoot(BOOT).withPull(PULL).withRun(Duration.ofMinutes(2)))
                .withRetry(RetryPolicy.none()).withOwner("it");
    }

    private static void assertNothingLeftOf(RunResult result) {
        assertThat(cloud.securityGroups()).as("left only marked for the next run")
                .allSatisfy(g -> assertThat(g.tags()).containsKey("spotrun:ended-at"));
        NextRun.releaseOnceTerminated(cloud, aws.compute(), Duration.ofSeconds(60));
        for (Instance instance : result.instances()) {
            assertThat(cloud.instance(instance.id()).state()).isEqualTo("terminated");
        }
        assertThat(cloud.securityGroups()).isEmpty();
        assertThat(LocalEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(FakeEc2Host.LABEL)).exec())
                .filteredOn(c -> result.instances().stream().anyMatch(i -> c.getLabels().containsValue(i.id())))
                .as("fake hosts of the run").isEmpty();
    }

    @Test
    void aJobRunsOnAFakeInstanceAndItsExitCodeComesBackWithNothingLeft() {
        RecordingLogSink logs = new RecordingLogSink();
        RemoteRun run = new RemoteRun(aws.compute(), aws.registry(), engines, Clock.systemUTC(), Sleeper.system());

        RunResult result = run.run(job("echo hello from the local cloud; echo oops >&2; exit 7"), logs,
                new RecordingListener());

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(logs.stdout()).isEqualTo("hello from the local cloud\n");
        assertThat(logs.stderr()).isEqualTo("oops\n");
        LocalInstance instance = cloud.instance(result.lastAttempt().instance().id());
        assertThat(instance.userData()).contains("--tlsverify").doesNotContain("2375");
        assertThat(instance.httpTokens()).isEqualTo("required");
        assertThat(instance.stateReason()).isEqualTo("Client.UserInitiatedShutdown");
        assertNothingLeftOf(result);
    }

    @Test
    void aSpotInterruptionDuringTheJobIsRetriedOnANewMachine() {
        RemoteRun run = new RemoteRun(aws.compute(), aws.registry(), engines, Clock.systemUTC(), Sleeper.system());
        AtomicBoolean interrupted = new AtomicBoolean();
        List<String> launched = new ArrayList<>();
        RunListener events = event -> {
            if (event instanceof RunEvent.InstanceLaunched l) {
                launched.add(l.instance().id());
            }
            if (event instanceof RunEvent.ContainerStarted && interrupted.compareAndSet(false, true)) {
                cloud.interrupt(launched.get(0));
            }
        };

        RunResult result = run.run(RemoteRun.newRunId(), job("sleep 3; exit 5").withRetry(new RetryPolicy(1, true)),
                new RecordingLogSink(), events, new Cancellation());

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.attempts()).hasSize(2);
        assertThat(cloud.instance(launched.get(0)).stateReason()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(result.lastAttempt().instance().market()).isEqualTo(Market.ON_DEMAND);
        assertNothingLeftOf(result);
    }

    @Test
    void pullingWithTheEcrTokenWorksAndWithAWrongOneIsUnauthorized() throws InterruptedException {
        EngineTrust trust = engines.newTrust("sr-pull-it", Duration.ofHours(1));
        LaunchRequest request = new LaunchRequest("sr-pull-it", 1, new LaunchOption("m5.large", Market.SPOT, "", ""),
                MachineSpec.spot("m5.large"), trust.bootstrap(), "it", Instant.now().plus(Duration.ofHours(1)));
        Instance instance = aws.compute().awaitRunning(aws.compute().launch(request), BOOT);
        try (ContainerEngine engine = engines.connect(instance.address(), trust)) {
            awaitPing(engine);
            RegistryCredentials token = aws.registry().credentialsFor(image).orElseThrow();
            RegistryCredentials wrong = new RegistryCredentials(token.serverAddress(), "AWS", "stale-" + token.password());

            assertThatThrownBy(() -> engine.pull(image, wrong, PULL, p -> { }))
                    .isInstanceOf(RegistryUnauthorized.class);
            engine.pull(image, token, PULL, p -> { });
        } finally {
            aws.compute().terminate(instance.id());
            aws.compute().releaseRun("sr-pull-it");
        }
        NextRun.releaseOnceTerminated(cloud, aws.compute(), Duration.ofSeconds(60));
        assertThat(cloud.securityGroups()).isEmpty();
    }

    @Test
    void anInstanceLeftByAKilledClientEndsItselfAtItsExpiry() throws InterruptedException {
        EngineTrust trust = engines.newTrust("sr-ttl-it", Duration.ofHours(1));
        Instant expiresAt = Instant.now().plus(Duration.ofSeconds(25)).truncatedTo(ChronoUnit.SECONDS);
        LaunchRequest request = new LaunchRequest("sr-ttl-it", 1, new LaunchOption("m5.large", Market.SPOT, "", ""),
                MachineSpec.spot("m5.large"), trust.bootstrap(), "it", expiresAt);
        // The client launches and then "dies": nobody terminates the instance.
        Instance instance = aws.compute().awaitRunning(aws.compute().launch(request), BOOT);

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!cloud.instance(instance.id()).state().equals("terminated") && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        LocalInstance gone = cloud.instance(instance.id());
        assertThat(gone.state()).isEqualTo("terminated");
        assertThat(gone.stateReason()).isEqualTo("Client.InstanceInitiatedShutdown");
        assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
        assertThat(containersLabelled(FakeEc2Host.LABEL)).filteredOn(c -> c.getLabels().containsValue(instance.id()))
                .isEmpty();
        aws.compute().releaseRun("sr-ttl-it");
        assertThat(cloud.securityGroups()).isEmpty();
    }

    private static void awaitPing(ContainerEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                engine.ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
