package dev.spotrun.docker;

import dev.spotrun.localcloud.FakeEc2Host;
import dev.spotrun.aws.BootScript;
import dev.spotrun.domain.EngineBootstrap;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * For {@code scripts/bench.sh}: a fake EC2 host booted from spotrun's real boot script, with its engine on
 * mutual TLS, for the docker CLI to talk to. Unlike a run's, these certificates are written to disk: the
 * CA, the client's certificate and key go to the directory given (as {@code ca.pem}, {@code cert.pem},
 * {@code key.pem}, the names {@code DOCKER_CERT_PATH} wants), and the engine's certificate names every
 * address a fake host may get, so that {@code docker --tlsverify} checks it as it checks a real engine.
 *
 * <p>Prints {@code address 127.0.0.N started-ms MS} once the host runs (MS: from asking for it until its boot
 * script started), then keeps it until its standard input ends (or it is told to stop by a signal), and removes
 * it. Commands on its input: {@code again} replaces the host with a fresh one, printed the same way;
 * {@code stop} removes it and prints {@code stopped}; {@code boot} boots a fresh one. So a benchmark can time
 * boots, one or several at once. Given a port and a registry's {@code IP:PORT}, each host's
 * {@code 127.0.0.1:PORT} leads there, as in a local cloud's instances, so that the docker CLI pulls a local
 * cloud's image the way a run's engine does.
 */
public final class BenchHost {

    private static final String LABEL = "dev.spotrun.bench-host";
    private static String[] forward;

    private BenchHost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: BenchHost DIRECTORY [PORT IP:PORT] (where ca.pem, cert.pem and key.pem are"
                    + " written; 127.0.0.1:PORT inside each host leads to IP:PORT, as a local cloud's instances'"
                    + " registry does)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        forward = args.length == 3 ? new String[] {args[1], args[2]} : null;
        // No spotrun client stays connected to this host, only the docker CLI now and then: a run's abandon window
        // (minutes) would end it between two copies of 1 GiB on a loaded machine.
        Duration lifetime = Duration.ofHours(2);
        String userData = BootScript.render(certificates(dir), Instant.now().plus(lifetime), lifetime);
        FakeEc2Host[] host = {boot(userData)};
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(host), "bench-host-stop"));
        java.io.BufferedReader commands = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = commands.readLine()) != null; ) {
            // "again": a fresh host in place of this one, to time another boot. "stop" then "boot" do the same in
            // two steps, so that several of these processes can boot their hosts at the same moment.
            switch (command.strip()) {
                case "again" -> {
                    stop(host);
                    host[0] = boot(userData);
                }
                case "stop" -> {
                    stop(host);
                    System.out.println("stopped");
                    System.out.flush();
                }
                case "boot" -> host[0] = host[0] != null ? host[0] : boot(userData);
                default -> System.err.println("BenchHost: unknown command " + command);
            }
        }
        stop(host);
        System.exit(0);
    }

    private static synchronized void stop(FakeEc2Host[] host) {
        if (host[0] != null) {
            host[0].stop();
            host[0] = null;
        }
    }

    /** Boots a host; prints its address and how long it took until its boot script started, in ms. */
    private static FakeEc2Host boot(String userData) {
        FakeEc2Host host = new FakeEc2Host(userData).withLabel(LABEL, "1");
        if (forward != null) {
            host.withLoopbackForward(Integer.parseInt(forward[0]), forward[1]);
        }
        long start = System.nanoTime();
        host.start();
        System.out.println("address " + host.address() + " started-ms " + (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        return host;
    }

    /** Writes the client's half to {@code dir}; returns the engine's half. */
    private static EngineBootstrap certificates(Path dir) throws GeneralSecurityException, IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair engineKeys = generator.generateKeyPair();
            KeyPair clientKeys = generator.generateKeyPair();
            X500Name ca = new X500Name("CN=spotrun bench CA");
            Date from = Date.from(Instant.now().minus(Duration.ofMinutes(5)));
            Date to = Date.from(Instant.now().plus(Duration.ofHours(3)));
            SecureRandom random = new SecureRandom();
            X509Certificate caCert = sign(new JcaX509v3CertificateBuilder(ca, new BigInteger(64, random), from, to, ca,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);
            List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "spotrun-engine")));
            for (int n = 2; n <= 254; n++) {
                names.add(new GeneralName(GeneralName.iPAddress, "127.0.0." + n));
            }
            X509Certificate engineCert = sign(new JcaX509v3CertificateBuilder(ca, new BigInteger(64, random), from, to,
                    new X500Name("CN=spotrun-engine"), engineKeys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                    caKeys);
            X509Certificate clientCert = sign(new JcaX509v3CertificateBuilder(ca, new BigInteger(64, random), from, to,
                    new X500Name("CN=spotrun bench client"), clientKeys.getPublic())
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
                    caKeys);
            write(dir.resolve("ca.pem"), pem(caCert));
            write(dir.resolve("cert.pem"), pem(clientCert));
            write(dir.resolve("key.pem"), pkcs8(clientKeys.getPrivate()));
            return new EngineBootstrap(EngineBootstrap.TLS_PORT, pem(caCert), pem(engineCert), pkcs8(engineKeys.getPrivate()));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** A private key as PKCS#8 PEM, which both the docker CLI and dockerd read. */
    private static String pkcs8(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
