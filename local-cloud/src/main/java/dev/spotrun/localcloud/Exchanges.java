package dev.spotrun.localcloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing answers on the local cloud's HTTP server. */
final class Exchanges {

    static final String TEXT = "text/plain;charset=UTF-8";

    private Exchanges() {
    }

    static void send(HttpExchange exchange, int status, String type, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void text(HttpExchange exchange, int status, String answer) throws IOException {
        send(exchange, status, TEXT, answer.endsWith("\n") || answer.isEmpty() ? answer : answer + "\n");
    }

    /**
     * Closes the connection without an answer. The JDK's server does exactly that for an exchange closed before
     * its response headers were sent.
     */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }
}
