package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.PullProgress;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.localcloud.FakeEc2Host;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test class's fake EC2 host, booted for a run's trust from the real boot script, its engine answering this
 * adapter over mutual TLS and the workload image pulled from the registry beside it. The containers a test
 * creates through {@link #create} are removed after it, and then none may be left on the host.
 */
final class ConnectedHost implements AutoCloseable {

    private static final Duration PULL = Duration.ofMinutes(2);

    final EngineHosts hosts;
    final FakeEc2Host host;
    final ContainerEnginePort engines;
    final EngineTrust trust;
    final ContainerEngine engine;
    private final List<String> containers = new CopyOnWriteArrayList<>();

    private ConnectedHost(EngineHosts hosts, FakeEc2Host host, ContainerEnginePort engines, EngineTrust trust,
                          ContainerEngine engine) {
        this.hosts = hosts;
        this.host = host;
        this.engines = engines;
        this.trust = trust;
        this.engine = engine;
    }

    /** Boots the host, waits until its engine answers and pulls the workload, telling {@code pulled} its progress. */
    static ConnectedHost boot(String runId, Consumer<PullProgress> pulled) throws InterruptedException {
        EngineHosts hosts = new EngineHosts().withRegistry();
        ContainerEnginePort engines = DockerEngines.create();
        EngineTrust trust = engines.newTrust(runId, Duration.ofHours(1));
        long booting = System.nanoTime();
        FakeEc2Host host = hosts.boot(trust);
        long running = System.nanoTime();
        ContainerEngine engine = engines.connect(host.address(), trust);
        ConnectedHost connected = new ConnectedHost(hosts, host, engines, trust, engine);
        try {
            String version = EngineHosts.awaitPing(engine, Duration.ofSeconds(60));
            System.out.printf("fake host %s (privileged: %s): container start %d ms, then first TLS ping %d ms,"
                    + " API %s%n", host.address(), host.privileged(), (running - booting) / 1_000_000,
                    (System.nanoTime() - running) / 1_000_000, version);
            engine.pull(hosts.workload(), hosts.registry().credentials(), PULL, pulled);
        } catch (RuntimeException | InterruptedException e) {
            connected.close();
            throw e;
        }
        return connected;
    }

    /** A container of the workload image that runs {@code script} with sh. */
    ContainerSpec busybox(String script) {
        return ContainerSpec.of(hosts.workload().canonical(), script).withEntrypoint(List.of("/bin/sh", "-c"));
    }

    /** Creates the container; it is removed after the test. */
    String create(ContainerSpec spec) {
        String id = engine.create(spec);
        containers.add(id);
        return id;
    }

    /** After each test: removes its containers, and then the host must hold none. */
    void removeContainers() {
        containers.forEach(engine::remove);
        containers.clear();
        assertThat(host.exec("docker", "ps", "-aq").strip()).as("containers left on the fake host").isEmpty();
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            hosts.close();
            hosts.assertNothingLeft();
        }
    }
}
