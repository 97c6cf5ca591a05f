package dev.spotrun.testkit;

import dev.spotrun.domain.ContainerSpec;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.Phase;
import dev.spotrun.domain.RegistryCredentials;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * A fake of the Docker engines on machines, in memory. Each machine's engine is a fake host with an
 * address; it accepts only the client holding the trust it was booted with, as mutual TLS would. Images
 * must be {@link #publishImage published} before they can be pulled; containers run their command through a
 * small shell ({@code sh -c 'echo out; echo err >&2; exit 3'} works), with sleeps in virtual time.
 *
 * <p>Faults: {@link #engineStartDelay slow engines}, {@link #failPings failing pings}, {@link #pullTime slow
 * pulls}, {@link #requireCredentials registries that need credentials}, {@link #breakOutputAfter output
 * that breaks for good}, and {@link #stopHost hosts going away}.
 */
public final class InMemoryContainerEngine implements ContainerEnginePort {

    private final VirtualClock clock;
    private final Map<String, FakeHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> publishedImages = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> imageFiles = new ConcurrentHashMap<>();
    private final Map<String, RegistryCredentials> registryCredentials = new ConcurrentHashMap<>();
    private final AtomicInteger addresses = new AtomicInteger();
    private final AtomicInteger trusts = new AtomicInteger();
    private final AtomicInteger containerIds = new AtomicInteger();
    private final List<EngineBootstrap> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Duration engineStartDelay = Duration.ofSeconds(3);
    private volatile Duration pullTime = Duration.ofSeconds(2);
    private volatile int failingPings;
    private volatile boolean reconnectForever;
    private volatile int outputBreaksAfter = -1;
    private volatile BiPredicate<String, Phase> stepHook = (address, phase) -> false;
    private final ClientCalls calls = new ClientCalls();

    public InMemoryContainerEngine(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Makes an image pullable, with the command it runs when none is given. */
    public InMemoryContainerEngine publishImage(String reference, String... defaultCommand) {
        publishedImages.put(ImageRef.parse(reference).canonical(), List.of(defaultCommand));
        return this;
    }

    /**
     * Gives every container of an image a file at an absolute path (its directories made as needed), as if the
     * image held it or the container's program wrote it: what an artifact then copies out.
     */
    public InMemoryContainerEngine imageFile(String reference, String path, byte[] content) {
        imageFiles.computeIfAbsent(ImageRef.parse(reference).canonical(), k -> new ConcurrentHashMap<>())
                .put(path, content.clone());
        return this;
    }

    /** The content of a file in a container (one a copy put there), or empty when it has none there. */
    public Optional<byte[]> file(String containerId, String path) {
        return hosts.values().stream().map(host -> host.containers().get(containerId)).filter(Objects::nonNull)
                .findFirst().map(c -> c.files().read(path));
    }

    /** Pulls from {@code registryHost} need exactly these credentials from now on. */
    public InMemoryContainerEngine requireCredentials(String registryHost, RegistryCredentials credentials) {
        registryCredentials.put(registryHost, credentials);
        return this;
    }

    /** How long after a host boots its engine starts answering (default 3 s). */
    public InMemoryContainerEngine engineStartDelay(Duration delay) {
        this.engineStartDelay = delay;
        return this;
    }

    /** How long a pull takes, in virtual time (default 2 s). */
    public InMemoryContainerEngine pullTime(Duration time) {
        this.pullTime = time;
        return this;
    }

    /**
     * A client whose host went away keeps reconnecting, as a real client does for a while, instead of failing
     * its wait for the exit at once: only an interrupt ends that wait. It tells its connection-lost listener.
     */
    public InMemoryContainerEngine reconnectForever() {
        this.reconnectForever = true;
        return this;
    }

    boolean reconnectsForever() {
        return reconnectForever;
    }

    /** Hosts booted from now on fail their first {@code count} pings even when up. */
    public InMemoryContainerEngine failPings(int count) {
        this.failingPings = count;
        return this;
    }

    /**
     * From now on a container's output breaks for good after {@code chunks} chunks (negative: never), as a
     * connection that drops and does not come back: {@code streamLogs} fails with
     * {@link dev.spotrun.domain.failure.EngineUnreachable} while the container runs on to its exit.
     */
    public InMemoryContainerEngine breakOutputAfter(int chunks) {
        this.outputBreaksAfter = chunks;
        return this;
    }

    /**
     * Holds the next engine call of {@code operation} ({@code stop}, {@code pull}, {@code ping}, ...; the
     * method's name) on the wire once its work is done, until the test releases it.
     */
    public CallHold hold(String operation) {
        return calls.hold(operation);
    }

    ClientCalls calls() {
        return calls;
    }

    /** Boots a stand-alone host whose engine trusts {@code bootstrap}; returns its address. */
    public String bootHost(EngineBootstrap bootstrap) {
        return bootHost(bootstrap, clock.instant().plus(engineStartDelay));
    }

    String bootHost(EngineBootstrap bootstrap, Instant readyAt) {
        String address = "198.51.100." + addresses.incrementAndGet();
        hosts.put(address, new FakeHost(address, bootstrap, readyAt, failingPings));
        return address;
    }

    /** The host goes away, as a terminated or interrupted machine does: its containers are lost. */
    public void stopHost(String address) {
        FakeHost host = hosts.get(address);
        if (host != null) {
            host.goDown();
        }
    }

    /** When the engine of a host booting now would answer. */
    Instant readyTimeFromNow() {
        return clock.instant().plus(engineStartDelay);
    }

    /**
     * Called at each call a client makes, with the phase it reaches (null for calls of no phase); returning true
     * takes the host away first.
     */
    void onStep(BiPredicate<String, Phase> hook) {
        this.stepHook = hook;
    }

    /** Every container created on any host, in no particular order. */
    public List<ContainerView> containers() {
        List<ContainerView> views = new ArrayList<>();
        hosts.values().forEach(host -> host.containers().values().forEach(c -> views.add(
                new ContainerView(host.address(), c.id(), c.spec(), c.isRunning(), c.exitCode(), c.stopGrace(),
                        c.attachedBeforeStart()))));
        return views;
    }

    /** The containers that still run. */
    public List<ContainerView> runningContainers() {
        return containers().stream().filter(ContainerView::running).toList();
    }

    /**
     * What a test may check about a container.
     *
     * @param stopGrace           the grace period it was stopped with, or null when it was not stopped
     * @param exitCode            its exit code, or null while it runs or when its host went away
     * @param attachedBeforeStart whether a client attached to its output before it started
     */
    public record ContainerView(String address, String id, ContainerSpec spec, boolean running, Integer exitCode,
                                Duration stopGrace, boolean attachedBeforeStart) {
    }

    @Override
    public EngineTrust newTrust(String runId, Duration lifetime) {
        int n = trusts.incrementAndGet();
        String marker = runId + "#" + n;
        return new FakeTrust(new EngineBootstrap(EngineBootstrap.TLS_PORT, "FAKE CA " + marker,
                "FAKE SERVER CERT " + marker, "FAKE SERVER KEY " + marker));
    }

    @Override
    public ContainerEngine connect(String address, EngineTrust trust) {
        if (!(trust instanceof FakeTrust)) {
            throw new IllegalArgumentException("this engine port did not make that trust");
        }
        return new InMemoryEngineClient(this, address, trust.bootstrap());
    }

    private record FakeTrust(EngineBootstrap bootstrap) implements EngineTrust {
    }

    @Override
    public void prepare(EngineTrust trust) {
        prepared.add(trust.bootstrap());
    }

    /** The trusts the lifecycle had this port {@link #prepare prepare} for, by their bootstrap, in order. */
    public List<EngineBootstrap> prepared() {
        return java.util.Collections.unmodifiableList(prepared);
    }

    FakeHost host(String address) {
        return hosts.get(address);
    }

    VirtualClock clock() {
        return clock;
    }

    boolean interruptAt(String address, Phase phase) {
        return stepHook.test(address, phase);
    }

    Map<String, byte[]> imageFiles(String canonical) {
        return imageFiles.getOrDefault(canonical, Map.of());
    }

    List<String> publishedCommand(String canonical) {
        return publishedImages.get(canonical);
    }

    RegistryCredentials credentialsRequiredBy(String registry) {
        return registryCredentials.get(registry);
    }

    Duration pullTime() {
        return pullTime;
    }

    int outputBreaksAfter() {
        return outputBreaksAfter;
    }

    String nextContainerId() {
        return String.format("%064x", containerIds.incrementAndGet());
    }
}
