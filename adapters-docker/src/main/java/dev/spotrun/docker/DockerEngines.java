package dev.spotrun.docker;

import dev.spotrun.domain.port.ContainerEnginePort;
import java.time.Clock;
import java.time.Duration;

/**
 * The Docker adapter: machines' Docker engines over mutual TLS with a CA made per run and held only in
 * memory. The machine gets the engine's half through {@link dev.spotrun.domain.port.EngineTrust#bootstrap()};
 * the client's half never leaves the process.
 */
public final class DockerEngines {

    /** How long a run's certificates are valid: a run that needs longer asks for it with {@link #create(Duration)}. */
    public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(2);
    /** How long a dropped log connection may take to come back before the engine counts as unreachable. */
    static final Duration RECONNECT_WINDOW = Duration.ofSeconds(60);

    private DockerEngines() {
    }

    /** Engines whose run certificates are valid for {@link #DEFAULT_CERTIFICATE_VALIDITY}. */
    public static ContainerEnginePort create() {
        return create(DEFAULT_CERTIFICATE_VALIDITY);
    }

    /** Engines whose run certificates are valid for {@code certificateValidity} from their making. */
    public static ContainerEnginePort create(Duration certificateValidity) {
        if (certificateValidity.isNegative() || certificateValidity.isZero()) {
            throw new IllegalArgumentException("the certificate validity must be positive: " + certificateValidity);
        }
        return new DockerEngineConnector(new RunCertificates(Clock.systemUTC(), certificateValidity), RECONNECT_WINDOW);
    }
}
