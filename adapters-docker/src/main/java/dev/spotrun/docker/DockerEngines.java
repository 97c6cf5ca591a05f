package dev.spotrun.docker;

import dev.spotrun.domain.WarmUp;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.domain.port.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * The Docker adapter: machines' Docker engines over mutual TLS with a CA made per run and held only in
 * memory. The machine gets the engine's half through {@link dev.spotrun.domain.port.EngineTrust#bootstrap()};
 * the client's half never leaves the process.
 */
public final class DockerEngines {

    /** How long a dropped log connection may take to come back before the engine counts as unreachable. */
    static final Duration RECONNECT_WINDOW = Duration.ofSeconds(60);

    /** See {@link #warmUp()}. */
    static final WarmUp WARM_UP = new WarmUp("spotrun-engine-warm-up", DockerEngines::throwawayClient,
            Duration.ofSeconds(10));

    private DockerEngines() {
    }

    /**
     * Starts, once per process, making a throwaway run's key material and a client of an engine on a daemon
     * thread, without connecting anywhere. The first of each costs a one-time set-up (BouncyCastle's and the
     * TLS classes, docker-java's, its JSON mapper): about 0.2 s for the first key material against 17 ms for a
     * second. A caller that will run a job soon starts it so that the set-up runs beside other work; making key
     * material or a client waits for a warm-up still under way, then is quick.
     */
    public static void warmUp() {
        WARM_UP.start();
    }

    private static void throwawayClient() {
        ContainerEnginePort engines = create();
        EngineTrust trust = engines.newTrust("warm-up", Duration.ofHours(1));
        engines.connect("127.0.0.1", trust).close();
    }

    /** Engines whose run certificates are valid for as long as each run's machines may live, and an hour more. */
    public static ContainerEnginePort create() {
        return new DockerEngineConnector(new RunCertificates(Clock.systemUTC()), RECONNECT_WINDOW, Clock.systemUTC(),
                Sleeper.system());
    }
}
