package dev.spotrun.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EmptyInputStream;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One engine's HTTP client (Apache httpclient5, one connection pool), for docker-java and for the calls the
 * adapter makes itself.
 *
 * <p>Why not docker-java's own httpclient5 transport: it reads every answer without a time limit and has no
 * way to turn on TCP keepalive, so a connection whose peer went silent (a machine gone without a reset) would
 * hang a call for ever. Here every connection has TCP keepalive, and every request read timeouts of its own:
 * a bounded one until the answer begins, and after it either a bound too or, for a container's output, none
 * (see {@link Transport}).
 */
final class EngineHttp implements Transport, AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A TLS handshake takes well under a second even far away; a silent one is a dead peer. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Idle connections are probed after 30 s of silence, every 10 s, and dropped after 3 probes unanswered. */
    private static final int KEEPALIVE_IDLE_SECONDS = 30;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    private static final int KEEPALIVE_PROBES = 3;
    private static final String BODY_TIMEOUT = EngineHttp.class.getName() + ".body-timeout";

    private final CloseableHttpClient client;
    private final HttpHost host;

    EngineHttp(String hostPart, int port, SSLContext ssl, int maxConnections, Duration defaultTimeout) {
        this.host = new HttpHost("https", hostPart.startsWith("[") ? hostPart.substring(1, hostPart.length() - 1)
                : hostPart, port);
        SocketConfig sockets = SocketConfig.custom().setSoKeepAlive(true).setTcpKeepIdle(KEEPALIVE_IDLE_SECONDS)
                .setTcpKeepInterval(KEEPALIVE_INTERVAL_SECONDS).setTcpKeepCount(KEEPALIVE_PROBES)
                .setTcpNoDelay(true).setSoTimeout(Timeout.of(defaultTimeout)).build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl, null, chaChaFirst(ssl),
                                SSLBufferMode.STATIC, (HostnameVerifier) null))
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .incomingContentLengthStrategy(EngineHttp::length).build())
                        .setDefaultSocketConfig(sockets)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setSocketTimeout(Timeout.of(defaultTimeout))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(HANDSHAKE_TIMEOUT)).build())
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections).build())
                .setRequestExecutor(new BodyTimeouts())
                .disableConnectionState()
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
    }

    @Override
    public DockerHttpClient.Response execute(DockerHttpClient.Request request, Duration answerTimeout,
                                             Duration bodyTimeout) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("spotrun never writes to a container's input");
        }
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), URI.create(request.path()));
        message.setScheme(host.getSchemeName());
        message.setAuthority(new URIAuthority(host.getHostName(), host.getPort()));
        request.headers().forEach(message::addHeader);
        if (request.bodyBytes() != null) {
            message.setEntity(new ByteArrayEntity(request.bodyBytes(), null));
        } else if (request.body() != null) {
            message.setEntity(new InputStreamEntity(request.body(), null));
        }
        message.setConfig(RequestConfig.custom().setResponseTimeout(timeout(answerTimeout)).build());
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(BODY_TIMEOUT, timeout(bodyTimeout));
        try {
            return new Answer(message, client.executeOpen(host, message, context));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docker-java's view of this client: every request with these timeouts. */
    DockerHttpClient client(Duration answerTimeout, Duration bodyTimeout) {
        return new DockerHttpClient() {
            @Override
            public Response execute(Request request) {
                return EngineHttp.this.execute(request, answerTimeout, bodyTimeout);
            }

            @Override
            public void close() {
                // The pool is the engine's: it closes it once, with close() below.
            }
        };
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }

    /**
     * The JDK's cipher suites with ChaCha20-Poly1305 first, which the engine then picks. Why: the JDK computes
     * AES-GCM fast only in C2-compiled code (intrinsics); the launcher runs the C1 compiler alone, to keep
     * memory small, and there AES-GCM manages about 50 MiB/s of a core while ChaCha20-Poly1305 does about
     * 200, with either compiler. The container's output is decrypted here, so this is most of spotrun's CPU.
     */
    static String[] chaChaFirst(SSLContext ssl) {
        String[] suites = ssl.getDefaultSSLParameters().getCipherSuites();
        List<String> ordered = new java.util.ArrayList<>();
        for (String suite : suites) {
            if (suite.contains("CHACHA20")) {
                ordered.add(suite);
            }
        }
        for (String suite : suites) {
            if (!suite.contains("CHACHA20")) {
                ordered.add(suite);
            }
        }
        return ordered.toArray(String[]::new);
    }

    private static Timeout timeout(Duration duration) {
        return duration == null ? Timeout.DISABLED : Timeout.of(duration);
    }

    /** The engine marks some raw streams "Transfer-Encoding: identity": their body lasts until the connection ends. */
    private static long length(HttpMessage message) throws HttpException {
        Header encoding = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && "identity".equalsIgnoreCase(encoding.getValue())) {
            return ContentLengthStrategy.UNDEFINED;
        }
        return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
    }

    /** Once the answer began, the connection reads its body with the request's body timeout. */
    private static final class BodyTimeouts extends HttpRequestExecutor {
        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                           HttpResponseInformationCallback informationCallback, HttpContext context)
                throws IOException, HttpException {
            ClassicHttpResponse response = super.execute(request, connection, informationCallback, context);
            if (context.getAttribute(BODY_TIMEOUT) instanceof Timeout body) {
                connection.setSocketTimeout(body);
            }
            return response;
        }
    }

    private record Answer(HttpUriRequestBase request, ClassicHttpResponse response) implements DockerHttpClient.Response {
        @Override
        public int getStatusCode() {
            return response.getCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Stream.of(response.getHeaders()).collect(Collectors.groupingBy(NameValuePair::getName,
                    Collectors.mapping(NameValuePair::getValue, Collectors.toList())));
        }

        @Override
        public String getHeader(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public InputStream getBody() {
            try {
                return response.getEntity() == null ? EmptyInputStream.INSTANCE : response.getEntity().getContent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            // Aborting shuts the connection: a read blocked on it in another thread ends at once.
            request.abort();
            try {
                response.close();
            } catch (IOException | RuntimeException alreadyGone) {
                // Closing a connection that broke is done.
            }
        }
    }
}
