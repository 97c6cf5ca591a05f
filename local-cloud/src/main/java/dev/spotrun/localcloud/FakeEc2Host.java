package dev.spotrun.localcloud;

import dev.spotrun.domain.EngineBootstrap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake EC2 instance: a Docker-in-Docker container that boots like a machine. It is handed a user-data
 * script and runs it as cloud-init would (as root, once, at boot; output in
 * {@code /var/log/cloud-init-output.log}), so the script that configures a real instance, such as spotrun's
 * boot script, configures it: writing the run's certificates and starting {@code dockerd} with mutual TLS on
 * {@link EngineBootstrap#TLS_PORT}. That port is published on a loopback address of the host's own
 * ({@link #address()}, 127.0.0.N), so that each fake host looks like a separate machine to its clients.
 *
 * <p>Like a real machine it answers on its engine port only once its user data has started the engine: poll
 * it (spotrun's lifecycle pings with backoff). Powering it off from inside ({@code shutdown}, {@code poweroff}
 * or {@code kill -TERM 1}) ends the container, as a machine that reaches its expiry ends itself.
 * {@link #reboot()} restarts it with its disk: as cloud-init does, every boot runs the executables in
 * {@code /var/lib/cloud/scripts/per-boot/} in name order, and only the first one runs the user data.
 *
 * <p>Its network can fail as a real one does, from inside the host (the local engine's userland proxy stands
 * between a client on loopback and the host, which shapes what the client sees): {@link #cutEngine()} resets
 * every connection to the engine port, which a client sees as the end of its stream, and
 * {@link #blackholeEngine()} drops the port's packets until {@link #restoreEngine()}, which a client sees as a
 * connection that accepts and then never answers.
 *
 * <p>It runs privileged where the machine allows, and where it does not (a capability bounding set without
 * CAP_SYS_RESOURCE makes privileged containers fail) with an explicit set of capabilities, unconfined
 * seccomp, AppArmor and system paths, and the host's cgroup tree. The engine's storage is an anonymous volume,
 * removed with the container, so {@link #stop()} leaves nothing behind.
 *
 * <p>The image must hold {@code dockerd} (or the user data must install it) and a POSIX shell. The default,
 * {@link #DEFAULT_IMAGE}, is built offline by the project's {@code scripts/build-images.sh}; a public
 * {@code docker:dind} works too where it can be pulled.
 *
 * <pre>{@code
 * try (FakeEc2Host host = new FakeEc2Host(BootScript.render(trust.bootstrap(), expiry))) {
 *     host.start();
 *     ContainerEngine engine = engines.connect(host.address(), trust);
 * }
 * }</pre>
 */
public final class FakeEc2Host implements AutoCloseable {

    /** The image built by {@code scripts/build-images.sh}: Debian bookworm with docker.io. */
    public static final String DEFAULT_IMAGE = "spotrun/dind-host:bookworm";
    /** The label every fake host carries, to find leftovers. */
    public static final String LABEL = "dev.spotrun.testkit.fake-ec2-host";

    private final String image;
    private final String userData;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> insecureRegistries = new ArrayList<>();
    private final Map<Integer, String> loopbackForwards = new LinkedHashMap<>();
    private final AtomicLong reboots = new AtomicLong();
    private volatile boolean rebooting;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private PrivilegeCache privileges = PrivilegeCache.none();
    private volatile EngineContainer container;
    private String address;
    private boolean privileged;

    /** A host of the {@link #DEFAULT_IMAGE} that runs {@code userData} at boot. */
    public FakeEc2Host(String userData) {
        this(DEFAULT_IMAGE, userData);
    }

    /** A host of {@code image} that runs {@code userData} at boot. */
    public FakeEc2Host(String image, String userData) {
        this.image = Objects.requireNonNull(image, "image");
        this.userData = Objects.requireNonNull(userData, "userData");
    }

    /** Adds a label to the host's container. */
    public FakeEc2Host withLabel(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /**
     * Lets the host's engine pull from a registry over plain HTTP, as if the machine's image came configured
     * so ({@code /etc/docker/daemon.json}). Needed for a test registry that is not on the host's loopback.
     */
    public FakeEc2Host withInsecureRegistry(String hostAndPort) {
        insecureRegistries.add(Objects.requireNonNull(hostAndPort, "hostAndPort"));
        return this;
    }

    /**
     * Makes {@code 127.0.0.1:port} inside the host lead to {@code target} ({@code IP:PORT}), at every boot, so that
     * an image name on loopback, which the local engine and the host's engine both pull from over plain HTTP,
     * reaches a registry on the local engine's network from inside the host too.
     */
    public FakeEc2Host withLoopbackForward(int port, String target) {
        if (!Objects.requireNonNull(target, "target").matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}")) {
            throw new IllegalArgumentException("a loopback forward leads to IP:PORT, not " + target);
        }
        loopbackForwards.put(port, target);
        return this;
    }

    /**
     * Remembers in {@code cacheDirectory} (e.g. the user's cache directory) whether the local engine refuses
     * privileged containers, so that hosts of later processes go straight to the explicit capabilities instead
     * of trying privileged mode again (about a second each time where it is refused). Within one process the
     * answer is remembered anyway.
     */
    public FakeEc2Host withPrivilegeCache(Path cacheDirectory) {
        return withPrivilegeCache(PrivilegeCache.in(Objects.requireNonNull(cacheDirectory, "cacheDirectory")));
    }

    FakeEc2Host withPrivilegeCache(PrivilegeCache cache) {
        this.privileges = cache;
        return this;
    }

    /** How long the container may take to boot (not counting the user data's work); 60 s by default. */
    public FakeEc2Host withStartupTimeout(Duration timeout) {
        this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Boots the host: returns once the container runs and its user data has started, with its engine port
     * published on a loopback address of its own.
     */
    public void start() {
        if (container != null) {
            throw new IllegalStateException("this fake host is already started");
        }
        FakeHostContainers.Started started = FakeHostContainers.start(LocalEngine.client(), new FakeHostContainers.Spec(image, userData,
                labels, insecureRegistries, loopbackForwards, startupTimeout, privileges));
        container = started.container();
        address = started.address();
        privileged = started.privileged();
    }

    /** Powers the host off and removes it, with its engine and everything that ran in it. Idempotent. */
    public void stop() {
        EngineContainer running = container;
        container = null;
        if (running != null) {
            try {
                running.remove();
            } finally {
                LoopbackAddresses.release(address);
            }
        }
    }

    /** The host's own loopback address (127.0.0.N), on which its engine port is published. */
    public String address() {
        requireStarted();
        return address;
    }

    /** The engine's port on {@link #address()}: {@link EngineBootstrap#TLS_PORT}. */
    public int enginePort() {
        return EngineBootstrap.TLS_PORT;
    }

    /** Whether the host runs privileged (false where the machine does not allow it). */
    public boolean privileged() {
        requireStarted();
        return privileged;
    }

    /** The id of the host's container on the local engine. */
    public String containerId() {
        return requireStarted().id();
    }

    /** Whether the host is up: false once it was stopped or powered itself off; true while it reboots. */
    public boolean isRunning() {
        EngineContainer running = container;
        if (running == null) {
            return false;
        }
        // A reboot stops the container for a moment: that is not the machine powering itself off.
        long before = reboots.get();
        return rebooting || running.isRunning() || rebooting || before != reboots.get();
    }

    /**
     * Reboots the host as {@code reboot} does on an instance: its processes end, its disk stays, and it boots
     * again (per-boot scripts, not the user data). Returns once it booted, with the number of this boot (2 for
     * the first reboot). Its engine port stays on {@link #address()}.
     */
    public int reboot() {
        EngineContainer running = requireStarted();
        int next = boots() + 1;
        rebooting = true;
        reboots.incrementAndGet();
        try {
            LocalEngine.client().restartContainerCmd(running.id()).withTimeout(10).exec();
            awaitLog("fake-ec2-host: booted (boot " + next + ")", startupTimeout);
            return next;
        } finally {
            reboots.incrementAndGet();
            rebooting = false;
        }
    }

    /** How many times the host booted: 1 until its first reboot. */
    public int boots() {
        Matcher boot = Pattern.compile("fake-ec2-host: booted \\(boot (\\d+)\\)").matcher(requireStarted().logs());
        int last = 0;
        while (boot.find()) {
            last = Integer.parseInt(boot.group(1));
        }
        return last;
    }

    /**
     * Resets every established connection to the engine port at once, from inside the host; new connections
     * work right after. A client on loopback sees its stream end (the engine proxy passes the reset on as the
     * end of the stream). Returns what was done, e.g. {@code reset 2 connection(s) to port 2376}.
     */
    public String cutEngine() {
        return net("cut");
    }

    /**
     * Drops every packet to and from the engine port, without a reset, until {@link #restoreEngine()}: a
     * connection in use stops moving, and a new one is accepted on loopback (by the engine proxy) but never
     * answered.
     */
    public String blackholeEngine() {
        return net("blackhole");
    }

    /** Ends a black hole: connections that lived through it carry on, new ones are answered. Idempotent. */
    public String restoreEngine() {
        return net("restore");
    }

    private String net(String operation) {
        EngineContainer.ExecResult result = execResult(FakeHostContainers.NET_PATH, operation,
                Integer.toString(EngineBootstrap.TLS_PORT));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the fake host " + address + " could not " + operation
                    + " its engine port: " + (result.stderr() + result.stdout()).strip());
        }
        return result.stdout().strip();
    }

    private void awaitLog(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!requireStarted().logs().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fake host " + address + " did not boot again within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the fake host rebooted", e);
            }
        }
    }

    /** What the user data printed so far, as in {@code /var/log/cloud-init-output.log}. */
    public String bootOutput() {
        return exec("cat", "/var/log/cloud-init-output.log");
    }

    /** Runs a command in the host, as root, and returns its standard output (for tests that inspect the machine). */
    public String exec(String... command) {
        return execResult(command).stdout();
    }

    private EngineContainer.ExecResult execResult(String... command) {
        return requireStarted().exec(command);
    }

    private EngineContainer requireStarted() {
        EngineContainer running = container;
        if (running == null) {
            throw new IllegalStateException("the fake host is not started");
        }
        return running;
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "FakeEc2Host[" + image + (address == null ? "" : " at " + address) + "]";
    }
}
