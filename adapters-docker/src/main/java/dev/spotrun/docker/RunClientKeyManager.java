package dev.spotrun.docker;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers one run's client certificate, and only as a client: the key stays in this object. A key store would
 * do the same, but the JDK's PKCS12 store encrypts a key as it is put in and decrypts it as the key manager
 * is made, each time with 10,000 rounds of PBKDF2: the largest piece of a run's TLS material, for a password
 * that guards the key against nobody.
 */
final class RunClientKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    /** {@code chain} starts with the client's certificate, whose public key is {@code key}'s. */
    RunClientKeyManager(PrivateKey key, X509Certificate... chain) {
        if (chain.length == 0) {
            throw new IllegalArgumentException("a client certificate is needed");
        }
        this.key = key;
        this.chain = chain.clone();
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return offered(keyTypes, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return offered(keyTypes, issuers);
    }

    /** The client's alias when the server accepts its key type and (if it names any) its issuer. */
    private String offered(String[] keyTypes, Principal[] issuers) {
        String type = key.getAlgorithm();
        boolean typeAccepted = keyTypes == null
                || Arrays.stream(keyTypes).anyMatch(t -> t != null && (t.equals(type) || t.startsWith(type + "_")));
        boolean issuerAccepted = issuers == null || issuers.length == 0
                || Arrays.stream(chain).anyMatch(c -> Arrays.asList(issuers).contains(c.getIssuerX500Principal()));
        return typeAccepted && issuerAccepted ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = offered(new String[] {keyType}, issuers);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** Never a server: the engine is the server. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
