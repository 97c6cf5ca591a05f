package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerEnginesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 30 * 24})
    void aRunsCertificatesLastAsLongAsItsMachinesMayLiveAndAnHourMore(long hours) throws Exception {
        Instant made = Instant.now();
        String pem = DockerEngines.create().newTrust("sr-lifetime", Duration.ofHours(hours)).bootstrap().serverCertPem();
        Instant notAfter = certificate(pem).getNotAfter().toInstant();
        assertThat(notAfter).isCloseTo(made.plus(Duration.ofHours(hours)).plus(DockerEngineConnector.LIFETIME_MARGIN),
                within(1, ChronoUnit.MINUTES));
    }

    @Test
    void theCaCertificateLastsAsLongAsTheEngines() throws Exception {
        var bootstrap = DockerEngines.create().newTrust("sr-ca", Duration.ofHours(3)).bootstrap();
        assertThat(certificate(bootstrap.caCertPem()).getNotAfter())
                .isEqualTo(certificate(bootstrap.serverCertPem()).getNotAfter());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
