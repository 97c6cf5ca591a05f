package dev.spotrun.docker;

import dev.spotrun.domain.EngineBootstrap;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the key material of one run: a CA that exists only in this process, and an engine (server) and a
 * client certificate signed by it, all on EC P-256 keys.
 *
 * <p>The CA's private key is used here to sign the two certificates and then dropped: it is in no returned
 * value, so nothing can sign another certificate for this run later. The engine's certificate and key leave
 * the process as PEM for the machine's boot script; the client's key goes only into an in-memory
 * {@link javax.net.ssl.SSLContext}.
 */
final class RunCertificates {

    /** A machine's clock may run a little behind ours: its certificates are valid from a bit earlier. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** The name in the engine's certificate, for tools that check one; spotrun itself does not (see {@link RunCaTrustManager}). */
    static final String ENGINE_NAME = "spotrun-engine";
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RunCertificates(Clock clock) {
        this.clock = clock;
    }

    /** Key material valid from a little before now (machine clocks lag) until {@code validity} from now. */
    DockerTrust newTrust(String runId, int port, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("the certificate validity must be positive: " + validity);
        }
        try {
            Instant from = clock.instant().minus(CLOCK_SKEW);
            Instant to = clock.instant().plus(validity);
            KeyPair caKeys = newKeyPair();
            X500Name caName = name("spotrun CA", runId);
            X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPublic(), from, to, Role.CA);
            KeyPair engineKeys = newKeyPair();
            X509Certificate engine = sign(caName, caKeys, name(ENGINE_NAME, runId), engineKeys.getPublic(), from, to,
                    Role.SERVER);
            KeyPair clientKeys = newKeyPair();
            X509Certificate client = sign(caName, caKeys, name("spotrun client", runId), clientKeys.getPublic(),
                    from, to, Role.CLIENT);
            EngineBootstrap bootstrap = new EngineBootstrap(port, pem(ca), pem(engine), pem(engineKeys.getPrivate()));
            return new DockerTrust(runId, bootstrap, ClientTls.context(ca, client, clientKeys.getPrivate()), ca, engine,
                    engineKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the TLS material of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, PublicKey subjectKey,
                                 Instant from, Instant to, Role role)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(from), Date.from(to), subject, subjectKey);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        addRoleExtensions(builder, role);
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
    }

    /** What the certificate may be used for: signing certificates, serving TLS, or being a TLS client. */
    private static void addRoleExtensions(X509v3CertificateBuilder builder, Role role) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.CA));
        switch (role) {
            case CA -> builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            case SERVER -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, ENGINE_NAME)));
            }
            case CLIENT -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName, String runId) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "spotrun")
                .addRDN(BCStyle.OU, "run " + runId)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    private static String pem(PrivateKey key) throws IOException {
        // PKCS#8 ("PRIVATE KEY"): dockerd and openssl read it for EC keys as for RSA ones.
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }
}
