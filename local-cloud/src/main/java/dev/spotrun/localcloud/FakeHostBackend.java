package dev.spotrun.localcloud;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Machines that are fake EC2 hosts: Docker-in-Docker containers on the local engine that run the instance's
 * user-data at boot, as cloud-init would, and publish the engine port on a loopback address of their own.
 * A host that powers itself off (the boot script does at the instance's expiry) is noticed within a second
 * and reported as the instance shutting itself down; a reboot is not. Every host carries the label of this
 * process's session, so that a later local cloud removes it if this process dies without doing so.
 */
final class FakeHostBackend implements InstanceBackend {

    /** The label of every host this backend starts: its instance id. */
    static final String LABEL = "dev.spotrun.testkit.local-cloud.instance";
    private static final long WATCH_MILLIS = 500;
    private static final String LOOPBACK = "127.0.0.1:";

    private final Map<String, FakeEc2Host> hosts = new ConcurrentHashMap<>();
    private final PrivilegeCache privileges;
    private volatile boolean closed;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-cloud-host-watch");
        thread.setDaemon(true);
        return thread;
    });

    FakeHostBackend(PrivilegeCache privileges) {
        this.privileges = privileges;
    }

    @Override
    public Machine boot(MachineRequest request) {
        FakeEc2Host host = new FakeEc2Host(request.userData()).withPrivilegeCache(privileges)
                .withLabel(LABEL, request.instanceId())
                .withLabel(LocalCloud.SESSION_LABEL, Session.current().label());
        for (RegistryRoute registry : request.registries()) {
            if (registry.name().startsWith(LOOPBACK)) {
                host.withLoopbackForward(Integer.parseInt(registry.name().substring(LOOPBACK.length())),
                        registry.target());
            } else {
                host.withInsecureRegistry(registry.name());
            }
        }
        hosts.put(request.instanceId(), host);
        try {
            host.start();
        } catch (RuntimeException e) {
            hosts.remove(request.instanceId());
            host.stop();
            throw e;
        }
        // close() may have run while the host started: it is then ours to stop, or it would be left behind.
        if (closed) {
            hosts.remove(request.instanceId());
            host.stop();
            throw new IllegalStateException("the local cloud was closed while instance " + request.instanceId()
                    + " booted");
        }
        watch(request, host);
        return machine(request.instanceId(), host, bridgeAddress(host.containerId()));
    }

    private Machine machine(String instanceId, FakeEc2Host host, String privateAddress) {
        return new Machine() {
            @Override
            public String publicAddress() {
                return host.address();
            }

            @Override
            public String privateAddress() {
                return privateAddress;
            }

            @Override
            public void destroy() {
                hosts.remove(instanceId);
                host.stop();
            }

            @Override
            public String cutEngine() {
                return host.cutEngine();
            }

            @Override
            public String blackholeEngine() {
                return host.blackholeEngine();
            }

            @Override
            public String restoreEngine() {
                return host.restoreEngine();
            }

            @Override
            public String reboot() {
                return "rebooted: boot " + host.reboot() + " of its fake host";
            }
        };
    }

    private void watch(MachineRequest request, FakeEc2Host host) {
        watcher.schedule(() -> {
            if (hosts.get(request.instanceId()) != host) {
                return;
            }
            if (host.isRunning()) {
                watch(request, host);
            } else {
                request.shutdown().run();
            }
        }, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String bridgeAddress(String containerId) {
        return LocalEngine.client().inspectContainerCmd(containerId).exec().getNetworkSettings()
                .getNetworks().values().iterator().next().getIpAddress();
    }

    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        hosts.values().forEach(FakeEc2Host::stop);
        hosts.clear();
    }
}
