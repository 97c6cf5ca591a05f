package dev.spotrun.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.port.ContainerEngine;
import dev.spotrun.domain.port.ContainerEnginePort;
import dev.spotrun.domain.port.EngineTrust;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Makes each run's TLS material and connects to machines' engines with it over {@code tcp://ADDRESS:PORT}. */
final class DockerEngineConnector implements ContainerEnginePort {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 32;

    /** A machine may run a little past its time-to-live while it shuts down; its engine must stay reachable. */
    static final Duration LIFETIME_MARGIN = Duration.ofHours(1);

    private final RunCertificates certificates;
    private final Duration reconnectWindow;

    DockerEngineConnector(RunCertificates certificates, Duration reconnectWindow) {
        this.certificates = certificates;
        this.reconnectWindow = reconnectWindow;
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
        URI host = URI.create("tcp://" + hostPart(address) + ":" + docker.bootstrap().port());
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(docker::sslContext)
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(MAX_CONNECTIONS)
                .build();
        DockerClient client = DockerClientImpl.getInstance(new EngineConfig(host, docker.sslContext()), http);
        return new DockerEngine(address, http, client, reconnectWindow);
    }

    private static String hostPart(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isBlank() || address.contains("/")) {
            throw new IllegalArgumentException("not a host name or IP address: '" + address + "'");
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
