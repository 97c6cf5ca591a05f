package dev.spotrun.domain;

import java.util.Objects;

/**
 * What a new machine needs so that its Docker engine accepts only this run's client: the run's CA
 * certificate and the engine's certificate and private key, in PEM, and the port to listen on. It is
 * written into the machine's boot script; the client half stays in the process that made it.
 *
 * @param port          the engine's TLS port, normally 2376
 * @param caCertPem     the per-run CA certificate
 * @param serverCertPem the engine's certificate, signed by that CA
 * @param serverKeyPem  the engine's private key
 */
public record EngineBootstrap(int port, String caCertPem, String serverCertPem, String serverKeyPem) {

    public static final int TLS_PORT = 2376;

    public EngineBootstrap {
        Objects.requireNonNull(caCertPem, "caCertPem");
        Objects.requireNonNull(serverCertPem, "serverCertPem");
        Objects.requireNonNull(serverKeyPem, "serverKeyPem");
    }

    @Override
    public String toString() {
        return "EngineBootstrap[port=" + port + ", serverKeyPem=<redacted>]";
    }
}
