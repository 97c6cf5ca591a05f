package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** The rehearsed handshake is a real one: the run's client and its engine's own key, the client's key required. */
class TlsRehearsalTest {

    private final RunCertificates certificates = new RunCertificates(Clock.systemUTC());

    @Test
    void theRunsClientAndItsEngineAgreeOnTlsThirteenWithChaChaFirst() throws Exception {
        DockerTrust trust = certificates.newTrust("sr-rehearsal", EngineBootstrap.TLS_PORT, Duration.ofHours(1));

        assertThat(TlsRehearsal.run(trust)).isEqualTo("TLSv1.3 TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void anEngineOfAnotherRunIsRefusedAsTheRealHandshakeRefusesIt() {
        DockerTrust mine = certificates.newTrust("sr-mine", EngineBootstrap.TLS_PORT, Duration.ofHours(1));
        DockerTrust other = certificates.newTrust("sr-other", EngineBootstrap.TLS_PORT, Duration.ofHours(1));
        DockerTrust crossed = new DockerTrust(mine.runId(), mine.bootstrap(), mine.sslContext(), mine.ca(),
                other.engineCertificate(), other.engineKey());

        assertThatThrownBy(() -> TlsRehearsal.run(crossed)).isInstanceOf(SSLException.class);
    }
}
