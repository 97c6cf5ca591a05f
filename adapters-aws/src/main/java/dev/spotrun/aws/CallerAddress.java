package dev.spotrun.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Who may reach a machine's engine port when spotrun creates the security group itself: the caller's own
 * public address, as a CIDR. Asked once per process at most.
 */
@FunctionalInterface
public interface CallerAddress {

    /** The CIDR, e.g. {@code 203.0.113.7/32}. */
    String cidr();

    /** Always the same CIDR, e.g. {@code 127.0.0.1/32} for the local cloud. */
    static CallerAddress fixed(String cidr) {
        return () -> cidr;
    }

    /**
     * The public address AWS sees this process come from, asked of AWS's own check-ip service once and then
     * remembered.
     */
    static CallerAddress detected() {
        return new CallerAddress() {
            private volatile String cached;

            @Override
            public String cidr() {
                String known = cached;
                if (known == null) {
                    known = toCidr(askCheckIp());
                    cached = known;
                }
                return known;
            }
        };
    }

    /** The /32 (or /128) of an address as a check-ip service prints it. */
    static String toCidr(String body) {
        String address = body.trim();
        if (Pattern.matches("\\d{1,3}(\\.\\d{1,3}){3}", address)) {
            return address + "/32";
        }
        if (Pattern.matches("[0-9a-fA-F:]+", address) && address.contains(":")) {
            return address + "/128";
        }
        throw new IllegalStateException("the caller's public address could not be read from '" + address
                + "'; give --allow-cidr");
    }

    private static String askCheckIp() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://checkip.amazonaws.com/"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("the caller's public address could not be detected (" + e.getMessage()
                    + "); give --allow-cidr", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting the caller's public address", e);
        }
    }
}
