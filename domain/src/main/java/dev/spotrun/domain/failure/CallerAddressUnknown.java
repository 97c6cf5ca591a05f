package dev.spotrun.domain.failure;

/**
 * The caller's public address, which the run's firewall rule admits when no address range was given, could
 * not be learnt from the service that reports it. Nothing was launched.
 */
public final class CallerAddressUnknown extends SpotrunException {

    private final String service;
    private final String detail;

    /**
     * @param service   the service asked, e.g. its URL
     * @param detail    what went wrong, in the words of what failed (a status, a timeout, the answer)
     * @param retryable whether asking again later may succeed (a server error or a timeout, not a bad answer)
     */
    public CallerAddressUnknown(String service, String detail, boolean retryable, Throwable cause) {
        super("this machine's public address could not be learnt from " + service + ": " + detail, retryable, cause);
        this.service = service;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public String detail() {
        return detail;
    }
}
