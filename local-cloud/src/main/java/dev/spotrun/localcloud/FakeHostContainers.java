package dev.spotrun.localcloud;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.DockerObjectAccessor;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.spotrun.domain.EngineBootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * How a {@link FakeEc2Host}'s container is made: its init and network scripts, its user data, its disk, and the
 * privileged mode or the explicit set of capabilities that stands in for it.
 */
final class FakeHostContainers {

    static final String USER_DATA_PATH = "/var/lib/cloud/instance/user-data.txt";
    static final String INIT_PATH = "/sbin/spotrun-fake-ec2-init";
    static final String NET_PATH = "/sbin/spotrun-fake-ec2-net";
    static final String FORWARDS_PATH = "/etc/spotrun-fake-ec2/forwards";
    private static final Set<Capability> UNKNOWN_OR_FORBIDDEN = EnumSet.of(Capability.ALL, Capability.SYS_RESOURCE,
            Capability.BPF, Capability.PERFMON, Capability.CHECKPOINT_RESTORE);

    /** What a host is made of. */
    record Spec(DockerImageName image, String userData, Map<String, String> labels, List<String> insecureRegistries,
                Map<Integer, String> loopbackForwards, Duration startupTimeout) {
    }

    /** A started host: its container, its loopback address, and whether it runs privileged. */
    record Started(GenericContainer<?> container, String address, boolean privileged) {
    }

    private static final int ADDRESS_ATTEMPTS = 8;
    /** Null until a host tried; then whether privileged containers start on this machine. */
    private static volatile Boolean privilegedWorks;

    private FakeHostContainers() {
    }

    /**
     * Starts a host on a loopback address whose engine port is free, privileged where the machine allows it:
     * the first refusal of privileged mode is remembered for every later host.
     */
    static Started start(Spec spec) {
        boolean tryPrivileged = !Boolean.FALSE.equals(privilegedWorks);
        ContainerLaunchException last = null;
        for (int attempt = 0; attempt < ADDRESS_ATTEMPTS; attempt++) {
            String candidate = LoopbackAddresses.take(EngineBootstrap.TLS_PORT);
            GenericContainer<?> next = create(spec, candidate, tryPrivileged);
            try {
                next.start();
                privilegedWorks = privilegedWorks == null ? tryPrivileged : privilegedWorks;
                return new Started(next, candidate, tryPrivileged);
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

    private static GenericContainer<?> create(Spec spec, String hostAddress, boolean privileged) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(FakeEc2Host.LABEL, hostAddress);
        GenericContainer<?> next = new GenericContainer<>(spec.image())
                .withLabels(labels)
                .withCopyToContainer(Transferable.of(resource("fake-ec2-init.sh"), 0755), INIT_PATH)
                .withCopyToContainer(Transferable.of(resource("fake-ec2-net.sh"), 0755), NET_PATH)
                .withCopyToContainer(Transferable.of(spec.userData().getBytes(StandardCharsets.UTF_8), 0700),
                        USER_DATA_PATH)
                .withTmpFs(Map.of("/run", "rw,exec,mode=755"))
                .withCreateContainerCmdModifier(cmd -> configure(cmd, hostAddress, privileged))
                .waitingFor(Wait.forLogMessage("(?s).*fake-ec2-host: booted.*", 1))
                .withStartupTimeout(spec.startupTimeout());
        if (!spec.insecureRegistries().isEmpty()) {
            next.withCopyToContainer(Transferable.of(daemonJson(spec.insecureRegistries()), 0644),
                    "/etc/docker/daemon.json");
        }
        if (!spec.loopbackForwards().isEmpty()) {
            StringBuilder forwards = new StringBuilder();
            spec.loopbackForwards().forEach((port, target) -> forwards.append(port).append(' ').append(target)
                    .append('\n'));
            next.withCopyToContainer(Transferable.of(forwards.toString(), 0644), FORWARDS_PATH);
        }
        return next;
    }

    private static void configure(CreateContainerCmd cmd, String hostAddress, boolean privileged) {
        cmd.withEntrypoint(INIT_PATH).withCmd(List.of());
        cmd.withExposedPorts(ExposedPort.tcp(EngineBootstrap.TLS_PORT));
        // The engine's disk: a volume, so that it survives a reboot as an instance's disk does, and is removed
        // with the container.
        cmd.withVolumes(new Volume("/var/lib/docker"));
        HostConfig host = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
        Ports ports = new Ports();
        ports.bind(ExposedPort.tcp(EngineBootstrap.TLS_PORT),
                Ports.Binding.bindIpAndPort(hostAddress, EngineBootstrap.TLS_PORT));
        // Loopback forwards rewrite the source of packets from 127.0.0.1, which the kernel routes only so.
        host.withPortBindings(ports).withInit(true)
                .withSysctls(Map.of("net.ipv4.conf.all.route_localnet", "1"));
        if (privileged) {
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

    private static String daemonJson(List<String> insecureRegistries) {
        StringBuilder json = new StringBuilder("{\"insecure-registries\": [");
        for (int i = 0; i < insecureRegistries.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(insecureRegistries.get(i).replace("\"", "")).append('"');
        }
        return json.append("]}\n").toString();
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
}
