package dev.spotrun.domain.failure;

/**
 * The cloud refused a request for a reason no retry fixes: credentials, permissions, a bad image id,
 * subnet or profile. Its message names the cloud's code.
 */
public final class CloudRejected extends SpotrunException {

    private final String code;

    public CloudRejected(String code, String message, Throwable cause) {
        super(message + " (" + code + ")", false, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
