package dev.spotrun.localcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a host is made of. */
    record Spec(String image, String userData, Map<String, String> labels, List<String> insecureRegistries,
                Map<Integer, String> loopbackForwards, Duration startupTimeout, PrivilegeCache privileges) {
    }

    /** A started host: its container, its loopback address, and whether it runs privileged. */
    record Started(EngineContainer container, String address, boolean privileged) {
    }

    private static final int ADDRESS_ATTEMPTS = 8;
    static final String BOOTED = "fake-ec2-host: booted";
    /** Null until a host tried (or a cache told); then whether privileged containers start on this engine. */
    private static volatile Boolean privilegedWorks;
    private static volatile String engineId;

    private FakeHostContainers() {
    }

    /**
     * Starts a host on a loopback address whose engine port is free, privileged where the machine allows it:
     * the first refusal of privileged mode is remembered for every later host, and in the spec's cache for later
     * processes.
     */
    static Started start(DockerClient docker, Spec spec) {
        boolean tryPrivileged = !Boolean.FALSE.equals(known(docker, spec.privileges()));
        RuntimeException last = null;
        for (int attempt = 0; attempt < ADDRESS_ATTEMPTS; attempt++) {
            String candidate = LoopbackAddresses.take(EngineBootstrap.TLS_PORT);
            EngineContainer next = null;
            try {
                next = EngineContainer.create(docker, plan(spec, candidate, tryPrivileged));
                next.start();
                next.awaitLog(BOOTED, spec.startupTimeout(), "the fake host " + candidate);
                if (privilegedWorks == null) {
                    privilegedWorks = tryPrivileged;
                    remember(docker, spec.privileges(), tryPrivileged);
                }
                return new Started(next, candidate, tryPrivileged);
            } catch (RuntimeException e) {
                last = e;
                if (next != null) {
                    next.remove();
                }
                LoopbackAddresses.release(candidate);
                if (tryPrivileged && says(e, "apply caps", "operation not permitted")) {
                    privilegedWorks = false;
                    tryPrivileged = false;
                    remember(docker, spec.privileges(), false);
                } else if (!says(e, "port is already allocated", "address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** What this process knows, else what the cache knows of this engine, else null. */
    private static Boolean known(DockerClient docker, PrivilegeCache cache) {
        Boolean known = privilegedWorks;
        if (known == null && cache.enabled()) {
            known = cache.privilegedWorks(engineId(docker));
            if (known != null) {
                privilegedWorks = known;
            }
        }
        return known;
    }

    private static void remember(DockerClient docker, PrivilegeCache cache, boolean works) {
        if (cache.enabled()) {
            cache.remember(engineId(docker), works);
        }
    }

    /** The engine's ID, as {@code docker info} shows it; "" when it does not tell (nothing is cached then). */
    private static String engineId(DockerClient docker) {
        String id = engineId;
        if (id == null) {
            id = String.valueOf(docker.infoCmd().exec().getId());
            engineId = "null".equals(id) ? "" : id;
        }
        return engineId;
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

    private static EngineContainer.Plan plan(Spec spec, String hostAddress, boolean privileged) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(FakeEc2Host.LABEL, hostAddress);
        EngineContainer.Plan plan = new EngineContainer.Plan(spec.image()).labels(labels)
                .file(INIT_PATH, resource("fake-ec2-init.sh"), 0755)
                .file(NET_PATH, resource("fake-ec2-net.sh"), 0755)
                .file(USER_DATA_PATH, spec.userData().getBytes(StandardCharsets.UTF_8), 0700)
                .settings(cmd -> configure(cmd, hostAddress, privileged));
        if (!spec.insecureRegistries().isEmpty()) {
            plan.file("/etc/docker/daemon.json", daemonJson(spec.insecureRegistries()), 0644);
        }
        if (!spec.loopbackForwards().isEmpty()) {
            StringBuilder forwards = new StringBuilder();
            spec.loopbackForwards().forEach((port, target) -> forwards.append(port).append(' ').append(target)
                    .append('\n'));
            plan.file(FORWARDS_PATH, forwards.toString().getBytes(StandardCharsets.UTF_8), 0644);
        }
        return plan;
    }

    private static void configure(CreateContainerCmd cmd, String hostAddress, boolean privileged) {
        cmd.withEntrypoint(INIT_PATH).withCmd(List.of());
        cmd.withExposedPorts(ExposedPort.tcp(EngineBootstrap.TLS_PORT));
        // The engine's disk: a volume, so that it survives a reboot as an instance's disk does, and is removed
        // with the container.
        cmd.withVolumes(new Volume("/var/lib/docker"));
        HostConfig host = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
        host.withTmpFs(Map.of("/run", "rw,exec,mode=755"));
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

    private static byte[] daemonJson(List<String> insecureRegistries) {
        try {
            return JSON.writeValueAsBytes(Map.of("insecure-registries", insecureRegistries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the daemon.json of a fake host could not be written", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = FakeEc2Host.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the local cloud");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
