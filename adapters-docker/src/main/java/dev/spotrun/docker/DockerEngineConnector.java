package dev.spotrun.docker;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import dev.spotrun.domain.port.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Makes each run's TLS material and connects to machines' engines with it over {@code tcp://ADDRESS:PORT}. */
final class DockerEngineConnector implements ContainerEnginePort {

    private static final int MAX_CONNECTIONS = 32;

    /** A machine may run a little past its time-to-live while it shuts down; its engine must stay reachable. */
    static final Duration LIFETIME_MARGIN = Duration.ofHours(1);

    private final RunCertificates certificates;
    private final Duration reconnectWindow;
    private final Clock clock;
    private final Sleeper sleeper;

    DockerEngineConnector(RunCertificates certificates, Duration reconnectWindow, Clock clock, Sleeper sleeper) {
        this.certificates = certificates;
        this.reconnectWindow = reconnectWindow;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public EngineTrust newTrust(String runId, Duration lifetime) {
        return certificates.newTrust(Objects.requireNonNull(runId, "runId"), EngineBootstrap.TLS_PORT,
                lifetime.plus(LIFETIME_MARGIN));
    }

    @Override
    public ContainerEngine connect(String address, EngineTrust trust) {
        if (!(trust instanceof DockerTrust docker)) {
            throw new IllegalArgumentException("this trust was not made by the Docker adapter: " + trust);
        }
        String hostPart = hostPart(address);
        URI host = URI.create("tcp://" + hostPart + ":" + docker.bootstrap().port());
        EngineHttp http = new EngineHttp(hostPart, docker.bootstrap().port(), docker.sslContext(), MAX_CONNECTIONS,
                DockerEngine.CALL_TIMEOUT);
        return new DockerEngine(address, http, new EngineConfig(host, docker.sslContext()), reconnectWindow, clock,
                sleeper);
    }

    /**
     * The JSON bindings of the calls every run makes, made before the first of them needs one, and a TLS
     * handshake of the run's client rehearsed in memory.
     */
    @Override
    public void prepare(EngineTrust trust) {
        EngineConfig.prepareBindings();
        if (trust instanceof DockerTrust docker) {
            try {
                TlsRehearsal.run(docker);
            } catch (java.security.GeneralSecurityException | javax.net.ssl.SSLException e) {
                // Only a rehearsal: the real handshake says what is wrong, if anything is.
            }
        }
    }

    private static String hostPart(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isBlank() || address.contains("/")) {
            throw new IllegalArgumentException("not a host name or IP address: '" + address + "'");
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
