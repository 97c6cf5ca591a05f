package dev.spotrun.docker;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The client side of a run's mutual TLS, built in memory: nothing of it is written to disk. */
final class ClientTls {

    private ClientTls() {
    }

    static SSLContext context(X509Certificate ca, X509Certificate client, PrivateKey clientKey)
            throws GeneralSecurityException, IOException {
        // The key store lives only in this method; its password only guards it against nobody, so make one up.
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", clientKey, password, new Certificate[] {client, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        Arrays.fill(password, '\0');
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new RunCaTrustManager(ca)}, random);
        return context;
    }
}
