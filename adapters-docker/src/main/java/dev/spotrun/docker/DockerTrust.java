package dev.spotrun.docker;

import dev.spotrun.domain.EngineBootstrap;
import dev.spotrun.domain.port.EngineTrust;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One run's trust: the half for the machine ({@link #bootstrap()}) and the half that never leaves this
 * process, an {@link SSLContext} holding the client key and trusting only the run's CA.
 *
 * @param runId      the run it was made for
 * @param bootstrap  the CA certificate and the engine's certificate and key, for the boot script
 * @param sslContext        the client side: this run's client certificate and key, trusting this run's CA only
 * @param ca                the run's CA certificate
 * @param engineCertificate the engine's certificate, as in the bootstrap
 * @param engineKey         the engine's key, as in the bootstrap: for rehearsing a handshake in memory
 */
record DockerTrust(String runId, EngineBootstrap bootstrap, SSLContext sslContext, X509Certificate ca,
                   X509Certificate engineCertificate, PrivateKey engineKey) implements EngineTrust {

    DockerTrust {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(engineCertificate, "engineCertificate");
        Objects.requireNonNull(engineKey, "engineKey");
    }

    @Override
    public String toString() {
        return "DockerTrust[runId=" + runId + ", port=" + bootstrap.port() + "]";
    }
}
