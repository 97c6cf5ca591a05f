package dev.spotrun.docker;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly the engine certificates that chain to one run's CA, whatever address they are reached on.
 *
 * <p>Why no host name check: the engine's certificate is made before the machine exists, so its address
 * cannot be in it. A host name check guards against a CA that vouches for many names: a server with a
 * genuine certificate for another name. That cannot happen here. The only trust anchor is a CA made for this
 * run, whose private key never leaves this process and signed exactly one engine certificate; the TLS
 * handshake makes the peer prove it holds that certificate's key. So a peer that passes is, by key
 * possession rather than by name, the engine of this run's machine (the key reaches only that machine,
 * through its boot script). Every other certificate, including those of public CAs, of the system trust store
 * and of other runs, is refused.
 *
 * <p>The JDK would add a host name check to a plain {@link X509TrustManager} when the TLS client asks for
 * endpoint identification (the HTTP client does); an {@link X509ExtendedTrustManager} decides for itself,
 * so this one validates the chain with PKIX and skips only that check.
 */
final class RunCaTrustManager extends X509ExtendedTrustManager {

    private final X509Certificate ca;
    private final X509TrustManager pkix;

    RunCaTrustManager(X509Certificate ca) throws GeneralSecurityException {
        this.ca = ca;
        this.pkix = pkixTrusting(ca);
    }

    private static X509TrustManager pkixTrusting(X509Certificate ca) throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            anchors.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot make an empty key store", e);
        }
        anchors.setCertificateEntry("run-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no PKIX X509TrustManager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks Docker engines, not clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }
}
