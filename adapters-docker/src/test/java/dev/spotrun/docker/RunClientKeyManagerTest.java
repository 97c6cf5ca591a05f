package dev.spotrun.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunClientKeyManagerTest {

    private static X509Certificate client;
    private static X509Certificate ca;
    private static PrivateKey key;

    @BeforeAll
    static void material() throws Exception {
        DockerTrust trust = new RunCertificates(Clock.systemUTC()).newTrust("sr-k", 2376, Duration.ofHours(1));
        ca = trust.ca();
        // Any EC key will do for choosing aliases; the handshakes in RunCertificatesTest use the real pair.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair().getPrivate();
        client = ca; // stands in for the client's certificate: its issuer is the run's CA too
    }

    @Test
    void offersItsCertificateToAnEngineThatAsksForItsKeyTypeAndItsCa() {
        RunClientKeyManager manager = new RunClientKeyManager(key, client, ca);
        X500Principal[] issuers = {ca.getSubjectX500Principal()};
        assertThat(manager.chooseClientAlias(new String[] {"RSA", "EC"}, issuers, null)).isEqualTo("client");
        assertThat(manager.chooseEngineClientAlias(new String[] {"EC_EC"}, null, null)).isEqualTo("client");
        assertThat(manager.getCertificateChain("client")).containsExactly(client, ca);
        assertThat(manager.getPrivateKey("client")).isSameAs(key);
    }

    @Test
    void offersNothingForAnotherKeyTypeOrAnotherCa() {
        RunClientKeyManager manager = new RunClientKeyManager(key, client, ca);
        assertThat(manager.chooseClientAlias(new String[] {"RSA"}, null, null)).isNull();
        assertThat(manager.chooseClientAlias(new String[] {"EC"},
                new X500Principal[] {new X500Principal("CN=someone else")}, null)).isNull();
        assertThat(manager.getClientAliases("RSA", null)).isNull();
        assertThat(manager.getPrivateKey("other")).isNull();
        assertThat(manager.getCertificateChain("other")).isNull();
    }

    @Test
    void isNeverAServer() {
        RunClientKeyManager manager = new RunClientKeyManager(key, client, ca);
        assertThat(manager.chooseServerAlias("EC", null, null)).isNull();
        assertThat(manager.getServerAliases("EC", null)).isNull();
        assertThat(manager.chooseEngineServerAlias("EC", null, null)).isNull();
    }
}
