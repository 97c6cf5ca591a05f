package dev.spotrun.docker;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The client side of a run's mutual TLS, built in memory: nothing of it is written to disk. */
final class ClientTls {

    private ClientTls() {
    }

    static SSLContext context(X509Certificate ca, X509Certificate client, PrivateKey clientKey)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new RunClientKeyManager(clientKey, client, ca)},
                new TrustManager[] {new RunCaTrustManager(ca)}, new SecureRandom());
        return context;
    }
}
