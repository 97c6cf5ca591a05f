package dev.spotrun.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Raw TLS clients for refusal tests: they trust a run's CA but present no, or a foreign, client certificate. */
final class ForeignTls {

    private ForeignTls() {
    }

    /** A client that trusts {@code caPem} and presents no certificate, or one from a CA of its own. */
    static SSLContext client(String caPem, boolean withForeignCertificate) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withForeignCertificate ? foreignKeys() : null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Sends {@code GET /_ping} over TLS and returns what came back, or the failure's text: a refused client
     * gets an alert or nothing, never an answer.
     */
    static String ping(SSLContext context, String address, int port) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), 5000);
            plain.setSoTimeout(5000);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, address, port, true)) {
                tls.startHandshake();
                return exchange(tls.getOutputStream(), tls.getInputStream());
            }
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    /** Sends a plain-text {@code GET /_ping} and returns the answer, or the failure's text. */
    static String plainPing(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5000);
            socket.setSoTimeout(5000);
            return exchange(socket.getOutputStream(), socket.getInputStream());
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    private static String exchange(OutputStream out, InputStream in) throws IOException {
        out.write("GET /_ping HTTP/1.1\r\nHost: engine\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
    }

    private static javax.net.ssl.KeyManager[] foreignKeys() throws GeneralSecurityException, IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair clientKeys = generator.generateKeyPair();
            X500Name caName = new X500Name("CN=another run's CA");
            Date from = Date.from(Instant.now().minus(Duration.ofMinutes(5)));
            Date to = Date.from(Instant.now().plus(Duration.ofHours(1)));
            X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            X509Certificate client = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to, new X500Name("CN=another run's client"),
                            clientKeys.getPublic())
                            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientKeys.getPrivate(), "x".toCharArray(), new Certificate[] {client, ca});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, "x".toCharArray());
            return factory.getKeyManagers();
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
