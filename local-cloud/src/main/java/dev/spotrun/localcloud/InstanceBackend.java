package dev.spotrun.localcloud;

import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What stands behind the local cloud's instances. The cloud keeps the EC2 view (ids, states, tags); a backend
 * makes the machine: {@link #inProcess() in process}, with nothing behind it but an address, for fast tests of
 * the EC2 protocol, or as a Docker-in-Docker fake host that boots the instance's user-data for real.
 */
public interface InstanceBackend extends AutoCloseable {

    /**
     * Boots a machine and returns once it is up. Called on a worker thread of the cloud, never on a request
     * thread, so it may take as long as a real boot.
     *
     * @throws Exception when the machine cannot be started; the instance then terminates with a server error
     */
    Machine boot(MachineRequest request) throws Exception;

    /** Destroys every machine this backend still holds. */
    @Override
    void close();

    /** The backend that makes no machine at all: instances have addresses, nothing answers on them. */
    static InstanceBackend inProcess() {
        return new InProcessBackend();
    }

    /**
     * The backend whose machines are {@link FakeEc2Host fake EC2 hosts} of the default
     * image on the local Docker engine, each booted from its instance's user-data; a machine that powers itself
     * off is an instance that shut itself down.
     */
    static InstanceBackend fakeEc2Hosts() {
        return new FakeHostBackend(PrivilegeCache.none());
    }

    /**
     * {@link #fakeEc2Hosts()} that remember in {@code cacheDirectory} whether the engine refuses privileged
     * containers, so that a later process does not try again (see {@link FakeEc2Host#withPrivilegeCache}).
     */
    static InstanceBackend fakeEc2Hosts(Path cacheDirectory) {
        return new FakeHostBackend(PrivilegeCache.in(cacheDirectory));
    }

    /**
     * What a machine is booted from.
     *
     * @param instanceId   the instance's id
     * @param instanceType its type
     * @param userData     its user-data, decoded from base64 ("" when none was given)
     * @param tags         its tags at launch
     * @param shutdown     to be called when the machine shuts itself down (e.g. at its expiry)
     * @param registries   the registries the machine pulls from, each by the name images carry
     */
    record MachineRequest(String instanceId, String instanceType, String userData, Map<String, String> tags,
                          Runnable shutdown, List<RegistryRoute> registries) {

        public MachineRequest {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(instanceType, "instanceType");
            userData = Objects.requireNonNullElse(userData, "");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(shutdown, "shutdown");
            registries = List.copyOf(registries);
        }
    }

    /**
     * A registry as a machine reaches it: by {@code name}, the host and port in image references, which leads to
     * {@code target}. A name on {@code 127.0.0.1} is the machine's own loopback, so a backend must route it (the
     * fake hosts do so with a NAT rule); engines pull from loopback over plain HTTP without being told.
     *
     * @param name   e.g. {@code 127.0.0.1:41234}
     * @param target where the registry listens, as {@code IP:PORT} on the machines' network
     */
    record RegistryRoute(String name, String target) {

        public RegistryRoute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }
    }

    /** A booted machine. The engine operations and reboots of a machine that has none refuse with an exception. */
    interface Machine {

        /** The address clients reach it on: a loopback address of its own. */
        String publicAddress();

        /** The address inside its network. */
        String privateAddress();

        /** Stops the machine at once, as a hard power-off. Idempotent. */
        void destroy();

        /**
         * Resets every established connection to the machine's engine port at once; new connections work right
         * after. Returns what was done, e.g. how many connections were reset.
         */
        default String cutEngine() {
            throw new UnsupportedOperationException("this machine has no engine: its instance runs in process");
        }

        /** Drops every packet to and from the engine port, silently (no reset), until {@link #restoreEngine()}. */
        default String blackholeEngine() {
            throw new UnsupportedOperationException("this machine has no engine: its instance runs in process");
        }

        /** Ends a black hole; established connections carry on. Idempotent. */
        default String restoreEngine() {
            throw new UnsupportedOperationException("this machine has no engine: its instance runs in process");
        }

        /** Reboots the machine and returns once it booted again; the instance stays running, as on EC2. */
        default String reboot() {
            return "rebooted (a machine in process has nothing to restart)";
        }
    }
}
