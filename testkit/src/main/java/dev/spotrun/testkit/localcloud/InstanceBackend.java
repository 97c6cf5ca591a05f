package dev.spotrun.testkit.localcloud;

import java.util.List;
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
     * The backend whose machines are {@link dev.spotrun.testkit.FakeEc2Host fake EC2 hosts} of the default
     * image on the local Docker engine, each booted from its instance's user-data; a machine that powers itself
     * off is an instance that shut itself down.
     */
    static InstanceBackend fakeEc2Hosts() {
        return new FakeHostBackend();
    }

    /**
     * What a machine is booted from.
     *
     * @param instanceId   the instance's id
     * @param instanceType its type
     * @param userData     its user-data, decoded from base64 ("" when none was given)
     * @param tags         its tags at launch
     * @param shutdown     to be called when the machine shuts itself down (e.g. at its expiry)
     * @param registries   registries the machine's image is configured to reach over plain HTTP
     */
    record MachineRequest(String instanceId, String instanceType, String userData, Map<String, String> tags,
                          Runnable shutdown, List<String> registries) {

        public MachineRequest {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(instanceType, "instanceType");
            userData = Objects.requireNonNullElse(userData, "");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(shutdown, "shutdown");
            registries = List.copyOf(registries);
        }
    }

    /** A booted machine. */
    interface Machine {

        /** The address clients reach it on: a loopback address of its own. */
        String publicAddress();

        /** The address inside its network. */
        String privateAddress();

        /** Stops the machine at once, as a hard power-off. Idempotent. */
        void destroy();
    }
}
