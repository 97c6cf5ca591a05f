package dev.spotrun.testkit;

import dev.spotrun.domain.EngineBootstrap;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One fake machine's engine: its key material, when it answers, its images and containers. */
final class FakeHost {

    private final String address;
    private final EngineBootstrap bootstrap;
    private final Instant readyAt;
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    private final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
    private final AtomicInteger failingPings;
    private volatile boolean down;

    FakeHost(String address, EngineBootstrap bootstrap, Instant readyAt, int failingPings) {
        this.address = address;
        this.bootstrap = bootstrap;
        this.readyAt = readyAt;
        this.failingPings = new AtomicInteger(failingPings);
    }

    String address() {
        return address;
    }

    EngineBootstrap bootstrap() {
        return bootstrap;
    }

    Instant readyAt() {
        return readyAt;
    }

    boolean isDown() {
        return down;
    }

    /** The machine went away: every container with it. */
    void goDown() {
        down = true;
        containers.values().forEach(FakeContainer::lose);
    }

    /** Whether a ping that would otherwise succeed fails, as an injected fault. */
    boolean takeFailingPing() {
        return failingPings.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    Set<String> images() {
        return images;
    }

    Map<String, FakeContainer> containers() {
        return containers;
    }
}
