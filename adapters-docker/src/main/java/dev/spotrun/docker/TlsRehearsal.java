package dev.spotrun.docker;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A run's mutual TLS, rehearsed in memory while its machine boots: the run's client shakes hands with a stand-in
 * for its engine (the engine's own key and certificate, the client's certificate required) and sends a record
 * each way. The first handshake of a process does its key exchange, its certificate checks and its cipher in
 * the interpreter; rehearsed, the engine's first real one finds that done. Nothing leaves the process.
 */
final class TlsRehearsal {

    private static final int MAX_STEPS = 200;

    private TlsRehearsal() {
    }

    /** Returns the protocol and cipher suite the two sides agreed on, e.g. {@code TLSv1.3 TLS_CHACHA20_POLY1305_SHA256}. */
    static String run(DockerTrust trust) throws GeneralSecurityException, SSLException {
        SSLContext engineSide = SSLContext.getInstance("TLS");
        engineSide.init(new KeyManager[] {new EngineKey(trust.engineKey(), trust.engineCertificate(), trust.ca())},
                new TrustManager[] {new ClientsOfTheRun(trust.ca())}, null);
        SSLEngine client = trust.sslContext().createSSLEngine(RunCertificates.ENGINE_NAME, trust.bootstrap().port());
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setCipherSuites(EngineHttp.chaChaFirst(trust.sslContext()));
        client.setSSLParameters(parameters);
        SSLEngine server = engineSide.createSSLEngine();
        server.setUseClientMode(false);
        SSLParameters engineParameters = server.getSSLParameters();
        engineParameters.setNeedClientAuth(true);
        engineParameters.setUseCipherSuitesOrder(false); // the client's order, ChaCha20 first, wins as with dockerd
        server.setSSLParameters(engineParameters);
        converse(client, server);
        return client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
    }

    /** Handshakes, then one application record each way. */
    private static void converse(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer clientIn = ByteBuffer.allocate(app);
        ByteBuffer serverIn = ByteBuffer.allocate(app);
        ByteBuffer clientOut = ByteBuffer.wrap(new byte[1024]);
        ByteBuffer serverOut = ByteBuffer.wrap(new byte[1024]);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            exchange(client, clientOut, toServer, server, serverIn);
            exchange(server, serverOut, toClient, client, clientIn);
            if (!clientOut.hasRemaining() && !serverOut.hasRemaining()) {
                return;
            }
        }
        throw new SSLException("the rehearsed handshake did not end within " + MAX_STEPS + " steps");
    }

    /** One step of one side: it writes what it has (handshake or data) and the other reads it. */
    private static void exchange(SSLEngine from, ByteBuffer out, ByteBuffer wire, SSLEngine to, ByteBuffer in)
            throws SSLException {
        runTasks(from);
        from.wrap(out, wire);
        runTasks(from);
        wire.flip();
        while (wire.hasRemaining()) {
            SSLEngineResult result = to.unwrap(wire, in);
            runTasks(to);
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
                break;
            }
        }
        wire.compact();
        in.clear();
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    /** The engine's side of the rehearsal trusts a client whose certificate the run's CA signed, as dockerd does. */
    private static final class ClientsOfTheRun extends X509ExtendedTrustManager {
        private final X509Certificate ca;

        ClientsOfTheRun(X509Certificate ca) {
            this.ca = ca;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
            try {
                chain[0].checkValidity();
                chain[0].verify(ca.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the client's certificate is not of this run: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the rehearsal's engine side checks clients only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }

    /** The engine's side of the rehearsal: its certificate, signed by the run's CA, and its key. */
    private static final class EngineKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "engine";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        EngineKey(PrivateKey key, X509Certificate... chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyType != null && keyType.startsWith(key.getAlgorithm()) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
