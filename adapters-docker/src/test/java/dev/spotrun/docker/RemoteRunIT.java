package dev.spotrun.docker;

import dev.spotrun.testkit.RecordingLogSink;
import dev.spotrun.testkit.RecordingListener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.RetryPolicy;
import dev.spotrun.domain.RunResult;
import dev.spotrun.domain.RunSpec;
import dev.spotrun.domain.event.RunEvent;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import dev.spotrun.domain.run.RemoteRun;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lifecycle runs a real container on a fake EC2 host through the Docker adapter; only the cloud is in memory. */
class RemoteRunIT {

    private static EngineHosts hosts;

    @BeforeAll
    static void startRegistry() {
        hosts = new EngineHosts().withRegistry();
    }

    @AfterAll
    static void stopAll() {
        if (hosts != null) {
            hosts.close();
            hosts.assertNothingLeft();
        }
    }

    @Test
    void runs_a_container_on_a_fake_host_and_gives_the_machine_back() {
        FakeHostCompute compute = new FakeHostCompute(hosts);
        RegistryCredentials credentials = hosts.registry().credentials();
        RegistryPort registry = image -> image.registry().equals(hosts.workload().registry())
                ? Optional.of(credentials) : Optional.empty();
        RemoteRun run = new RemoteRun(compute, registry, DockerEngines.create(), Clock.systemUTC(), Sleeper.system());
        RecordingLogSink logs = new RecordingLogSink();
        RecordingListener events = new RecordingListener();
        RunSpec spec = RunSpec.of(
                        ContainerSpec.of(hosts.workload().canonical(), "sh", "-c",
                                "echo hello from $(hostname); echo to stderr >&2; seq 1 3; exit 7"),
                        MachineSpec.spot("t3.small"))
                .withRetry(RetryPolicy.none()).withOwner("it");

        long started = System.nanoTime();
        RunResult result = run.run(spec, logs, events);
        System.out.printf("lifecycle on a fake host: %d ms, phases %s%n", (System.nanoTime() - started) / 1_000_000,
                result.phases());

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(logs.stdout()).matches("hello from \\w+\\n1\\n2\\n3\\n");
        assertThat(logs.stderr()).isEqualTo("to stderr\n");
        assertThat(events.events(RunEvent.EngineReady.class)).singleElement()
                .satisfies(ready -> assertThat(ready.apiVersion()).matches("\\d+\\.\\d+"));
        assertThat(events.events(RunEvent.PullProgressed.class)).isNotEmpty();
        assertThat(result.instances()).singleElement().satisfies(i -> assertThat(i.address()).startsWith("127.0.0."));
        assertThat(compute.liveInstances()).as("machines left running").isEqualTo(List.of());
    }
}
