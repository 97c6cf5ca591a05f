package dev.spotrun.localcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP endpoint on loopback: the AWS services ({@link AwsEndpoint}) and the cloud's own control API
 * ({@link ControlEndpoint}) on one port. It answers only requests addressed to itself by its loopback name
 * ({@code Host: 127.0.0.1:PORT} or {@code localhost:PORT}) and carrying no {@code Origin} header: a web page in a
 * browser, even through a DNS name rebound to 127.0.0.1, cannot reach an endpoint that starts root containers.
 */
final class CloudServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-cloud-http");
        thread.setDaemon(true);
        return thread;
    });
    private final AwsEndpoint aws;
    private final ControlEndpoint control;

    CloudServer(AwsEndpoint aws, ControlEndpoint control) throws IOException {
        this.aws = aws;
        this.control = control;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::exchange);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String refusal = refusal(exchange);
            if (refusal != null) {
                Exchanges.text(exchange, 403, refusal);
            } else if (exchange.getRequestURI().getPath().startsWith(ControlEndpoint.PREFIX)) {
                control.answer(exchange, body);
            } else {
                aws.answer(exchange, body);
            }
        }
    }

    /** Why a request is refused, or null when it is addressed to this endpoint by a local tool. */
    private String refusal(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String own = "127.0.0.1:" + port();
        if (exchange.getRequestHeaders().containsKey("Origin")) {
            return "the spotrun local cloud refuses requests with an Origin header (sent by web browsers); call it"
                    + " from a program at http://" + own;
        }
        String wanted = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (!wanted.equals(own) && !wanted.equals("localhost:" + port())) {
            return "the spotrun local cloud answers only requests to http://" + own + " (Host " + own
                    + " or localhost:" + port() + "), not to Host '" + (host == null ? "" : host) + "'";
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
