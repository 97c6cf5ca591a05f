package dev.spotrun.docker;

import dev.spotrun.domain.port.ContainerEnginePort;
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

    private DockerEngines() {
    }

    /** Engines whose run certificates are valid for as long as each run's machines may live, and an hour more. */
    public static ContainerEnginePort create() {
        return new DockerEngineConnector(new RunCertificates(Clock.systemUTC()), RECONNECT_WINDOW, Clock.systemUTC(),
                Sleeper.system());
    }
}
