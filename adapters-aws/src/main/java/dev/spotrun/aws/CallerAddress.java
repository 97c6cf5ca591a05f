package dev.spotrun.aws;

import java.net.URI;
import java.time.Duration;

/**
 * Who may reach a machine's engine port when spotrun creates the security group itself: the caller's own
 * public address, as a CIDR. Asked once per process at most.
 */
@FunctionalInterface
public interface CallerAddress {

    /**
     * The CIDR, e.g. {@code 203.0.113.7/32} or {@code 2001:db8::7/128}.
     *
     * @throws dev.spotrun.domain.failure.CallerAddressUnknown when it cannot be learnt
     * @throws dev.spotrun.domain.failure.Cancelled            when the thread was interrupted while asking
     */
    String cidr();

    /** Always the same CIDR, e.g. {@code 127.0.0.1/32} for the local cloud. */
    static CallerAddress fixed(String cidr) {
        return () -> cidr;
    }

    /**
     * The public address AWS sees this process come from, asked of AWS's own check-ip service
     * ({@code https://checkip.amazonaws.com/}) once and then remembered; at most 10 s per try.
     */
    static CallerAddress detected() {
        return detected(CheckIp.AWS, CheckIp.TIMEOUT);
    }

    /**
     * The same, from another service that answers a GET with the caller's address alone, as check-ip does.
     *
     * @param service the URL to ask
     * @param timeout how long one try may take in all, connecting included
     */
    static CallerAddress detected(URI service, Duration timeout) {
        return new CheckIp(service, timeout);
    }
}
