package dev.spotrun.aws;

import dev.spotrun.domain.failure.CallerAddressUnknown;
import dev.spotrun.domain.failure.Cancelled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The caller's public address as a check-ip service reports it: a GET whose whole answer is the address. The
 * answer must be HTTP 200 and exactly one unicast IPv4 or IPv6 address; anything else is refused, because the
 * address becomes a firewall rule. Remembered once known; a failure is not, so a later attempt asks again.
 */
final class CheckIp implements CallerAddress {

    static final URI AWS = URI.create("https://checkip.amazonaws.com/");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The longest text form of an IPv6 address (with an IPv4 tail), plus a line end. */
    private static final int MAX_ANSWER = 48;
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    /** Starts with a hex digit or a colon, has a colon: {@link InetAddress} then parses it and never resolves. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private final URI service;
    private final Duration timeout;
    private volatile String cached;

    CheckIp(URI service, Duration timeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String cidr() {
        String known = cached;
        if (known == null) {
            known = toCidr(ask());
            cached = known;
        }
        return known;
    }

    private String ask() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(service).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request's own timeout ends at the headers; this bounds the body too.
            return body(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw unknown("it did not answer within " + seconds(), true, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Cancelled("looking up this machine's public address was cancelled");
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        }
    }

    private String body(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            throw unknown("it answered HTTP " + status, status >= 500 || status == 429, null);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private CallerAddressUnknown unreachable(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return unknown("it did not accept a connection within " + seconds(), true, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return unknown("it did not answer within " + seconds(), true, cause);
        }
        String words = cause == null || cause.getMessage() == null ? "the connection failed" : cause.getMessage();
        return unknown("it could not be reached (" + words + ")", cause instanceof IOException, cause);
    }

    /** The /32 of an IPv4 answer, the /128 of an IPv6 one. */
    String toCidr(String answer) {
        String text = answer.strip();
        if (answer.length() > MAX_ANSWER || text.isEmpty()) {
            throw notAnAddress(answer);
        }
        InetAddress address = parse(text);
        if (address == null || address.isAnyLocalAddress() || address.isLoopbackAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            throw notAnAddress(answer);
        }
        // An IPv4-mapped IPv6 answer parses as the IPv4 address it maps.
        return address instanceof java.net.Inet4Address ? address.getHostAddress() + "/32"
                : text.toLowerCase(java.util.Locale.ROOT) + "/128";
    }

    /** The address the text spells, or null; never a name lookup. */
    private static InetAddress parse(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int value = Integer.parseInt(parts[i]);
                    if (value > 255) {
                        return null;
                    }
                    bytes[i] = (byte) value;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return InetAddress.getByName(text);
            }
            return null;
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    private CallerAddressUnknown notAnAddress(String answer) {
        String shown = answer.length() > MAX_ANSWER ? answer.substring(0, MAX_ANSWER) + "..." : answer;
        return unknown("its answer is not one IP address: '" + shown.strip().replaceAll("\\s+", " ") + "'",
                false, null);
    }

    private CallerAddressUnknown unknown(String detail, boolean retryable, Throwable cause) {
        return new CallerAddressUnknown(service.toString(), detail, retryable, cause);
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
