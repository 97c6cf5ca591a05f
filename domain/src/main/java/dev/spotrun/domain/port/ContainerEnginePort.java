package dev.spotrun.domain.port;

import java.time.Duration;

/**
 * Docker engines on fresh machines. For each run the lifecycle asks for a new {@link EngineTrust}, hands its
 * {@link EngineTrust#bootstrap() bootstrap} to the machine's boot script, and then {@link #connect connects}
 * to the machine's engine with the same trust, so that the engine accepts only this client and this client
 * trusts only this run's engine.
 */
public interface ContainerEnginePort {

    /**
     * Makes fresh key material for one run. Nothing of it is written anywhere by this call.
     *
     * @param lifetime how long the run's machines may live (their time-to-live): the material stays valid at
     *                 least that long, and need not be valid much longer
     */
    EngineTrust newTrust(String runId, Duration lifetime);

    /**
     * A client for the engine at {@code address} (a host name or IP; the port comes from the trust's
     * bootstrap). It does not connect yet: {@link ContainerEngine#ping()} tells whether the engine answers.
     */
    ContainerEngine connect(String address, EngineTrust trust);

    /**
     * Gets ready, without any I/O, for the clients this trust will make: what a first connection and a first
     * call of each kind would otherwise work out while the run waits for them. The lifecycle calls it on a
     * thread of its own while the machine boots, when it has nothing else to do; {@link #connect} works
     * without it. Does nothing by default.
     */
    default void prepare(EngineTrust trust) {
    }
}
