package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.EngineBootstrap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCertificatesTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    private static final Duration VALIDITY = Duration.ofHours(30);

    private final RunCertificates certificates = new RunCertificates(Clock.systemUTC());

    @Test
    void the_engine_certificate_chains_to_the_runs_ca_and_serves_tls() throws Exception {
        DockerTrust trust = certificates.newTrust("sr-1", EngineBootstrap.TLS_PORT, VALIDITY);
        X509Certificate ca = cert(trust.bootstrap().caCertPem());
        X509Certificate engine = cert(trust.bootstrap().serverCertPem());

        engine.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(engine.getBasicConstraints()).isEqualTo(-1);
        assertThat(engine.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(engine.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(engine.getSubjectX500Principal().getName()).contains("run sr-1");
        assertThat(trust.bootstrap().port()).isEqualTo(2376);
        assertThat(trust.bootstrap().serverKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void certificates_are_short_lived_and_tolerate_a_machine_clock_a_little_behind() throws Exception {
        RunCertificates fixed = new RunCertificates(Clock.fixed(NOW, ZoneOffset.UTC));
        DockerTrust trust = fixed.newTrust("sr-2", 2376, VALIDITY);
        for (String pem : new String[] {trust.bootstrap().caCertPem(), trust.bootstrap().serverCertPem()}) {
            X509Certificate cert = cert(pem);
            assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(RunCertificates.CLOCK_SKEW));
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(30)));
        }
    }

    @Test
    void each_run_has_its_own_ca() throws Exception {
        X509Certificate first = cert(certificates.newTrust("sr-a", 2376, VALIDITY).bootstrap().caCertPem());
        X509Certificate second = cert(certificates.newTrust("sr-b", 2376, VALIDITY).bootstrap().caCertPem());
        assertThat(first.getPublicKey()).isNotEqualTo(second.getPublicKey());
        assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
    }

    @Test
    void nothing_secret_is_in_the_trusts_text() {
        DockerTrust trust = certificates.newTrust("sr-3", 2376, VALIDITY);
        assertThat(trust.toString()).doesNotContain("PRIVATE").contains("sr-3");
        assertThat(trust.bootstrap().toString()).doesNotContain("PRIVATE");
    }

    @Test
    void the_client_accepts_its_runs_engine_on_any_address_and_the_engine_accepts_the_client() throws Exception {
        DockerTrust trust = certificates.newTrust("sr-4", 2376, VALIDITY);
        // The engine's certificate names no address; the client dials 127.0.0.1 with endpoint identification on.
        assertThat(handshake(trust.sslContext(), engineContext(trust.bootstrap()), true)).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void the_client_shows_its_certificate_whichever_protocol_the_engine_speaks(String protocol) throws Exception {
        DockerTrust trust = certificates.newTrust("sr-7", 2376, VALIDITY);
        SSLContext engine = engineContext(trust.bootstrap());
        assertThat(handshake(trust.sslContext(), engine, true, protocol)).isEqualTo("hello");
    }

    @Test
    void the_client_refuses_another_runs_engine() throws Exception {
        DockerTrust mine = certificates.newTrust("sr-5", 2376, VALIDITY);
        DockerTrust theirs = certificates.newTrust("sr-6", 2376, VALIDITY);
        assertThatThrownBy(() -> handshake(mine.sslContext(), engineContext(theirs.bootstrap()), false))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(e -> assertThat(EngineFailures.find(e, CertificateException.class)).isNotNull());
    }

    /** Runs a TLS server needing client certificates on 127.0.0.1 and returns what the client read. */
    private static String handshake(SSLContext client, SSLContext server, boolean identifyEndpoint) throws Exception {
        return handshake(client, server, identifyEndpoint, null);
    }

    /** The same, with the server speaking only {@code protocol} (null: whatever both prefer). */
    private static String handshake(SSLContext client, SSLContext server, boolean identifyEndpoint, String protocol)
            throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            if (protocol != null) {
                listener.setEnabledProtocols(new String[] {protocol});
            }
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    accepted.getOutputStream().flush();
                } catch (IOException ignored) {
                    // The client sees the failure.
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
                if (identifyEndpoint) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                }
                socket.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 5000);
                socket.setSoTimeout(5000);
                socket.startHandshake();
                String read = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                served.get(5, TimeUnit.SECONDS);
                if (read.isEmpty()) {
                    throw new IOException("the server closed the connection");
                }
                return read;
            }
        }
    }

    /** The engine's side, from its PEM files, as dockerd would load them. */
    private static SSLContext engineContext(EngineBootstrap bootstrap) throws Exception {
        X509Certificate ca = cert(bootstrap.caCertPem());
        X509Certificate engine = cert(bootstrap.serverCertPem());
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(bootstrap.serverKeyPem()))) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("engine", key, "x".toCharArray(), new Certificate[] {engine, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "x".toCharArray());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    static X509Certificate cert(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
