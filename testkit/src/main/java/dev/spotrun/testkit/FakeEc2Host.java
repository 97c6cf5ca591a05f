package dev.spotrun.testkit;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.DockerObjectAccessor;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.spotrun.domain.EngineBootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

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
 *
 * <p>It runs privileged where the machine allows, and where it does not (a capability bounding set without
 * CAP_SYS_RESOURCE makes privileged containers fail) with an explicit set of capabilities, unconfined
 * seccomp, AppArmor and system paths, and the host's cgroup tree. The engine's storage is a tmpfs, so
 * {@link #stop()} leaves nothing behind: no container, no volume.
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
public final class FakeEc2Host implements Startable {

    /** The image built by {@code scripts/build-images.sh}: Debian bookworm with docker.io. */
    public static final String DEFAULT_IMAGE = "spotrun/dind-host:bookworm";
    /** The label every fake host carries, to find leftovers. */
    public static final String LABEL = "dev.spotrun.testkit.fake-ec2-host";
    static final String USER_DATA_PATH = "/var/lib/cloud/instance/user-data.txt";
    static final String INIT_PATH = "/sbin/spotrun-fake-ec2-init";
    private static final int ADDRESS_ATTEMPTS = 8;
    private static final Set<Capability> UNKNOWN_OR_FORBIDDEN = EnumSet.of(Capability.ALL, Capability.SYS_RESOURCE,
            Capability.BPF, Capability.PERFMON, Capability.CHECKPOINT_RESTORE);
    /** Null until a host tried; then whether privileged containers start on this machine. */
    private static volatile Boolean privilegedWorks;

    private final DockerImageName image;
    private final String userData;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> insecureRegistries = new ArrayList<>();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private GenericContainer<?> container;
    private String address;
    private boolean privileged;

    /** A host of the {@link #DEFAULT_IMAGE} that runs {@code userData} at boot. */
    public FakeEc2Host(String userData) {
        this(DockerImageName.parse(DEFAULT_IMAGE), userData);
    }

    /** A host of {@code image} that runs {@code userData} at boot. */
    public FakeEc2Host(DockerImageName image, String userData) {
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

    /** How long the container may take to boot (not counting the user data's work); 60 s by default. */
    public FakeEc2Host withStartupTimeout(Duration timeout) {
        this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Boots the host: returns once the container runs and its user data has started, with its engine port
     * published on a loopback address of its own.
     */
    @Override
    public void start() {
        if (container != null) {
            throw new IllegalStateException("this fake host is already started");
        }
        boolean tryPrivileged = !Boolean.FALSE.equals(privilegedWorks);
        ContainerLaunchException last = null;
        for (int attempt = 0; attempt < ADDRESS_ATTEMPTS; attempt++) {
            String candidate = LoopbackAddresses.take(EngineBootstrap.TLS_PORT);
            GenericContainer<?> next = newContainer(candidate, tryPrivileged);
            try {
                next.start();
                container = next;
                address = candidate;
                privileged = tryPrivileged;
                privilegedWorks = privilegedWorks == null ? tryPrivileged : privilegedWorks;
                return;
            } catch (ContainerLaunchException e) {
                last = e;
                next.stop();
                LoopbackAddresses.release(candidate);
                if (tryPrivileged && says(e, "apply caps", "operation not permitted")) {
                    privilegedWorks = false;
                    tryPrivileged = false;
                } else if (!says(e, "port is already allocated", "address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Powers the host off and removes it, with its engine and everything that ran in it. Idempotent. */
    @Override
    public void stop() {
        GenericContainer<?> running = container;
        container = null;
        if (running != null) {
            try {
                running.stop();
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
        requireStarted();
        return container.getContainerId();
    }

    /** Whether the host is up: false once it was stopped or powered itself off. */
    public boolean isRunning() {
        return container != null && container.isRunning();
    }

    /** What the user data printed so far, as in {@code /var/log/cloud-init-output.log}. */
    public String bootOutput() {
        return exec("cat", "/var/log/cloud-init-output.log");
    }

    /** Runs a command in the host, as root, and returns its standard output (for tests that inspect the machine). */
    public String exec(String... command) {
        requireStarted();
        try {
            return container.execInContainer(command).getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a command in the fake host", e);
        }
    }

    private GenericContainer<?> newContainer(String hostAddress, boolean privilegedMode) {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put(LABEL, hostAddress);
        GenericContainer<?> next = new GenericContainer<>(image)
                .withLabels(allLabels)
                .withCopyToContainer(Transferable.of(resource("fake-ec2-init.sh"), 0755), INIT_PATH)
                .withCopyToContainer(Transferable.of(userData.getBytes(StandardCharsets.UTF_8), 0700), USER_DATA_PATH)
                .withTmpFs(Map.of("/run", "rw,exec,mode=755", "/var/lib/docker", "rw,exec,dev,suid"))
                .withCreateContainerCmdModifier(cmd -> configure(cmd, hostAddress, privilegedMode))
                .waitingFor(Wait.forLogMessage("(?s).*fake-ec2-host: booted.*", 1))
                .withStartupTimeout(startupTimeout);
        if (!insecureRegistries.isEmpty()) {
            next.withCopyToContainer(Transferable.of(daemonJson(), 0644), "/etc/docker/daemon.json");
        }
        return next;
    }

    private static void configure(CreateContainerCmd cmd, String hostAddress, boolean privilegedMode) {
        cmd.withEntrypoint(INIT_PATH).withCmd(List.of());
        cmd.withExposedPorts(ExposedPort.tcp(EngineBootstrap.TLS_PORT));
        HostConfig host = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
        Ports ports = new Ports();
        ports.bind(ExposedPort.tcp(EngineBootstrap.TLS_PORT), Ports.Binding.bindIpAndPort(hostAddress, EngineBootstrap.TLS_PORT));
        host.withPortBindings(ports).withInit(true);
        if (privilegedMode) {
            host.withPrivileged(true);
        } else {
            EnumSet<Capability> caps = EnumSet.allOf(Capability.class);
            caps.removeAll(UNKNOWN_OR_FORBIDDEN);
            host.withCapAdd(caps.toArray(Capability[]::new))
                    .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                    .withBinds(Bind.parse("/sys/fs/cgroup:/sys/fs/cgroup:rw"));
            // "--security-opt systempaths=unconfined" is a client-side option: the API wants empty lists.
            DockerObjectAccessor.overrideRawValue(host, "MaskedPaths", List.of());
            DockerObjectAccessor.overrideRawValue(host, "ReadonlyPaths", List.of());
        }
        cmd.withHostConfig(host);
    }

    private String daemonJson() {
        StringBuilder json = new StringBuilder("{\"insecure-registries\": [");
        for (int i = 0; i < insecureRegistries.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(insecureRegistries.get(i).replace("\"", "")).append('"');
        }
        return json.append("]}\n").toString();
    }

    private static boolean says(Throwable e, String... phrases) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            for (String phrase : phrases) {
                if (message.contains(phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] resource(String name) {
        try (InputStream in = FakeEc2Host.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the testkit");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireStarted() {
        if (container == null) {
            throw new IllegalStateException("the fake host is not started");
        }
    }

    @Override
    public String toString() {
        return "FakeEc2Host[" + image.asCanonicalNameString() + (address == null ? "" : " at " + address) + "]";
    }
}
