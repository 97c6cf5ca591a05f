package dev.spotrun.docker;

import dev.spotrun.localcloud.LocalRegistry;
import dev.spotrun.localcloud.FakeEc2Host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.spotrun.localcloud.LocalEngine;

/**
 * Test fixture: a local registry holding the busybox workload image, and fake hosts booted from spotrun's boot
 * script that may pull from it. Every container it starts carries a label unique to the fixture, so that
 * {@link #assertNothingLeft()} finds leftovers.
 */
final class EngineHosts implements AutoCloseable {

    static final String WORKLOAD_IMAGE = "spotrun/busybox:latest";
    static final String OWNER_LABEL = "dev.spotrun.test.owner";

    private final String owner = UUID.randomUUID().toString();
    private final List<FakeEc2Host> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LocalRegistry registry;
    private ImageRef workload;

    /** Starts the registry and pushes the workload image into it. */
    EngineHosts withRegistry() {
        registry = new LocalRegistry().withLabel(OWNER_LABEL, owner);
        registry.start();
        workload = registry.push(WORKLOAD_IMAGE, "spotrun-it/busybox");
        return this;
    }

    LocalRegistry registry() {
        return registry;
    }

    /** The workload image as fake hosts pull it from the registry. */
    ImageRef workload() {
        return workload;
    }

    /** Boots a host configured by the boot script for {@code trust}; returns once it runs (its engine may not answer yet). */
    FakeEc2Host boot(EngineTrust trust, Instant expiresAt) {
        return boot(BootScript.render(trust.bootstrap(), expiresAt));
    }

    /** Boots a host that runs {@code userData}. */
    FakeEc2Host boot(String userData) {
        FakeEc2Host host = new FakeEc2Host(userData).withLabel(OWNER_LABEL, owner);
        if (registry != null) {
            host.withInsecureRegistry(registry.machineAddress());
        }
        hosts.add(host);
        host.start();
        return host;
    }

    FakeEc2Host boot(EngineTrust trust) {
        return boot(trust, Instant.now().plus(Duration.ofHours(1)));
    }

    /** Pings until the engine answers, as the lifecycle does; returns the API version. */
    static String awaitPing(ContainerEngine engine, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = 50;
        while (true) {
            try {
                return engine.ping();
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(wait);
                wait = Math.min(500, wait * 2);
            }
        }
    }

    /** Stops one host early (e.g. at the end of a test that boots its own). */
    void stop(FakeEc2Host host) {
        host.stop();
        hosts.remove(host);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (FakeEc2Host host : hosts) {
            try {
                host.stop();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        hosts.clear();
        if (registry != null) {
            registry.stop();
            registry = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** No container this fixture started is left on the local engine, running or not. */
    void assertNothingLeft() {
        assertThat(LocalEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(OWNER_LABEL, owner)).exec())
                .as("fake hosts and registries left on the local engine").isEmpty();
    }
}
