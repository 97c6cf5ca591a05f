package dev.spotrun.localcloud;

/**
 * What the local cloud does to a running instance's machine on request, the same from Java ({@link LocalCloud})
 * and from another process over its control API ({@link LocalCloudClient}).
 */
public interface MachineOperations {

    /**
     * Runs one operation on the machine of a running instance and returns what was done, e.g.
     * {@code reset 2 connection(s) to port 2376}.
     *
     * @param operation {@code cut-engine}, {@code blackhole-engine}, {@code restore-engine} or {@code reboot}
     * @throws RuntimeException with the cloud's answer when there is no such instance, it does not run, or the
     *                          operation failed
     */
    String operate(String instanceId, String operation);

    /** Resets every connection to the instance's engine port at once; new ones work right after. */
    default String cutEngine(String instanceId) {
        return operate(instanceId, "cut-engine");
    }

    /** Drops the packets of the instance's engine port, silently, until {@link #restoreEngine}. */
    default String blackholeEngine(String instanceId) {
        return operate(instanceId, "blackhole-engine");
    }

    /** Ends a black hole of the instance's engine port. */
    default String restoreEngine(String instanceId) {
        return operate(instanceId, "restore-engine");
    }

    /** Reboots the instance's machine and returns once it booted again; the instance stays running. */
    default String reboot(String instanceId) {
        return operate(instanceId, "reboot");
    }
}
