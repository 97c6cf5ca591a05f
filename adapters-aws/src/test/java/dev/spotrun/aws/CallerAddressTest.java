package dev.spotrun.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.Cancelled;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller-address lookup against a real HTTP server on loopback, answering as check-ip does and as it should not. */
@Timeout(30)
class CallerAddressTest {

    /** Generous: a cold JVM's first HTTP call takes a while on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Short, for the test whose server holds its answer back. */
    private static final Duration SHORT = Duration.ofMillis(500);

    private LoopbackHttp server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        Thread.interrupted();
    }

    private CallerAddress answering(int status, String contentType, String body) throws IOException {
        server = new LoopbackHttp((exchange, request) -> LoopbackHttp.send(exchange, status, contentType, body));
        return CallerAddress.detected(server.uri(), TIMEOUT);
    }

    @Test
    void anIpv4AnswerIsItsSlash32AndIsAskedOnce() throws IOException {
        CallerAddress caller = answering(200, "text/plain", "203.0.113.7\n");

        assertThat(caller.cidr()).isEqualTo("203.0.113.7/32");
        assertThat(caller.cidr()).isEqualTo("203.0.113.7/32");
        assertThat(server.bodies).hasSize(1);
    }

    @Test
    void anIpv6AnswerIsItsSlash128() throws IOException {
        assertThat(answering(200, "text/plain", "2001:DB8::7\n").cidr()).isEqualTo("2001:db8::7/128");
    }

    @Test
    void aServerErrorIsAFailureWithTheStatusWorthAnotherTryAndIsNotRemembered() throws IOException {
        CallerAddress caller = answering(503, "text/plain", "Service Unavailable");

        assertThatThrownBy(caller::cidr).isInstanceOfSatisfying(CallerAddressUnknown.class, e -> {
            assertThat(e.detail()).isEqualTo("it answered HTTP 503");
            assertThat(e.service()).isEqualTo(server.uri().toString());
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).doesNotContain("--");
        });
        assertThatThrownBy(caller::cidr).isInstanceOf(CallerAddressUnknown.class);
        assertThat(server.bodies).hasSize(2);
    }

    @Test
    void aRedirectIsNotFollowedButRefusedWithItsStatus() throws IOException {
        server = new LoopbackHttp((exchange, request) -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/");
            LoopbackHttp.send(exchange, 302, "text/plain", "");
        });
        assertThatThrownBy(CallerAddress.detected(server.uri(), TIMEOUT)::cidr)
                .isInstanceOf(CallerAddressUnknown.class).hasMessageEndingWith("it answered HTTP 302");
    }

    @Test
    void anHtmlPageIsRefusedAndShownShortOnOneLine() throws IOException {
        CallerAddress caller = answering(200, "text/html",
                "<html>\n<head><title>Captive portal</title></head>\n<body>Log in to use the Wi-Fi</body>\n</html>\n");

        assertThatThrownBy(caller::cidr).isInstanceOfSatisfying(CallerAddressUnknown.class, e -> {
            assertThat(e.detail()).startsWith("its answer is not one IP address: '<html> <head><title>Captive")
                    .endsWith("...'").doesNotContain("\n");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void aSlowAnswerEndsAtTheTimeoutNotWhenTheServerAnswers() throws IOException {
        server = new LoopbackHttp((exchange, request) -> {
            try {
                server.closing.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackHttp.send(exchange, 200, "text/plain", "203.0.113.7\n");
        });
        CallerAddress caller = CallerAddress.detected(server.uri(), SHORT);

        long start = System.nanoTime();
        assertThatThrownBy(caller::cidr).isInstanceOfSatisfying(CallerAddressUnknown.class, e -> {
            assertThat(e.detail()).isEqualTo("it did not answer within 500 ms");
            assertThat(e.retryable()).isTrue();
        });
        // The server would answer after 20 s; the lookup gave up long before.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServiceNobodyListensOnCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CallerAddress caller = CallerAddress.detected(URI.create("http://127.0.0.1:" + closedPort + "/"), TIMEOUT);

        assertThatThrownBy(caller::cidr).isInstanceOf(CallerAddressUnknown.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void anInterruptedLookupIsCancelledAndKeepsTheFlag() throws IOException {
        CallerAddress caller = answering(200, "text/plain", "203.0.113.7\n");
        Thread.currentThread().interrupt();

        assertThatThrownBy(caller::cidr).isInstanceOf(Cancelled.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "203.0.113", "203.0.113.7.1", "203.0.113.256", "203.0.113.07", "0203.0.113.7",
            "203.0.113.7/32", "203.0.113.7 198.51.100.1", "203.0.113.7\n198.51.100.1", "localhost", "cafe",
            "example.com", "2001:db8::7::1", "2001:db8:::7", "2001:db8::g", "fe80::1%eth0", "[2001:db8::7]",
            ".1.2.3.4", "0.0.0.0", "::", "127.0.0.1", "::1", "169.254.169.254", "fe80::1", "224.0.0.1", "ff02::1"})
    void anythingButOneUnicastAddressIsRefused(String answer) {
        CheckIp checkIp = new CheckIp(URI.create("https://checkip.test/"), TIMEOUT);

        assertThatThrownBy(() -> checkIp.toCidr(answer)).isInstanceOfSatisfying(CallerAddressUnknown.class,
                e -> assertThat(e.detail()).startsWith("its answer is not one IP address"));
    }

    @Test
    void anIpv4MappedIpv6AnswerIsTheIpv4AddressItMaps() {
        assertThat(new CheckIp(URI.create("https://checkip.test/"), TIMEOUT).toCidr("::ffff:203.0.113.7"))
                .isEqualTo("203.0.113.7/32");
    }

    @Test
    void theFixedAddressIsGivenAsItIs() {
        assertThat(CallerAddress.fixed("127.0.0.1/32").cidr()).isEqualTo("127.0.0.1/32");
    }
}
